#!/usr/bin/env node
// Checks the browser stemmer (themes/default/static/js/stemmer.js) against stems produced on the
// Rust side by tantivy/frostem:
//
//   cargo run --example stem_words < tests/data/words.txt > /tmp/stems.tsv
//   node tests/js/stemmer_parity.js /tmp/stems.tsv
//
// Input: UTF-8 lines `word<TAB>stem` (empty lines ignored). Prints the first 20 mismatches and a
// summary; exits 1 on any mismatch, on a malformed line, or on an input with no words.
'use strict';

const fs = require('fs');
const path = require('path');
const { stem } = require(path.join(__dirname, '..', '..', 'themes', 'default', 'static', 'js', 'stemmer.js'));

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error('usage: node tests/js/stemmer_parity.js STEMS.tsv');
  process.exit(2);
}

const lines = fs.readFileSync(file, 'utf8').split('\n');
const SHOW = 20;
let checked = 0;
let mismatches = 0;
let malformed = 0;
lines.forEach((line, i) => {
  if (line.endsWith('\r')) line = line.slice(0, -1);
  if (line === '') return;
  const tab = line.indexOf('\t');
  if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
    if (malformed++ < SHOW) console.log(`${file}:${i + 1}: malformed line ${JSON.stringify(line)}`);
    return;
  }
  const word = line.slice(0, tab);
  const want = line.slice(tab + 1);
  const got = stem(word);
  checked++;
  if (got !== want) {
    if (mismatches++ < SHOW) {
      console.log(`MISMATCH ${JSON.stringify(word)}: rust ${JSON.stringify(want)}, js ${JSON.stringify(got)}`);
    }
  }
});

if (mismatches > SHOW) console.log(`... and ${mismatches - SHOW} more mismatches`);
console.log(`stemmer parity: ${checked} words checked, ${checked - mismatches} passed, ${mismatches} failed` +
  (malformed ? `, ${malformed} malformed lines` : ''));
process.exit(mismatches || malformed || checked === 0 ? 1 : 0);
