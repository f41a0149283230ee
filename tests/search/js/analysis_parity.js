#!/usr/bin/env node
// Runs texts through an analysis module (wasm/modules/analysis-<code>.wasm) the way the browser
// does, through search.js's own glue, and prints what it makes of them as JSON:
//
//   node tests/search/js/analysis_parity.js MODULE.wasm ANALYSIS_ID TEXTS.json > out.json
//
// TEXTS.json is a JSON array of strings. The output is one array with, per text,
// [queryWords(text, keepLast = true), queryWords(text, false), indexTerms(text)], a query word
// as [role, code, typed, term] and an index term as [start, end, term] (UTF-16 offsets). The
// module is refused, and the script fails, if its id is not ANALYSIS_ID.
'use strict';

const fs = require('fs');
const path = require('path');

const [modulePath, id, textsFile] = process.argv.slice(2);
if (!modulePath || !id || !textsFile) {
  console.error('usage: node analysis_parity.js MODULE.wasm ANALYSIS_ID TEXTS.json');
  process.exit(2);
}
const client = require(path.join(__dirname, '..', '..', '..', 'themes', 'default', 'static', 'js', 'search.js'));
const texts = JSON.parse(fs.readFileSync(textsFile, 'utf8'));
const base64 = fs.readFileSync(modulePath).toString('base64');

client.analysis.instantiate({ id, module: base64 }).then((analysis) => {
  const word = (w) => [w.role, w.code, w.typed, w.term];
  const out = texts.map((text) => [
    analysis.queryWords(text, true).map(word),
    analysis.queryWords(text, false).map(word),
    analysis.indexTerms(text).map((t) => [t.start, t.end, t.term]),
  ]);
  process.stdout.write(JSON.stringify(out));
}).catch((error) => {
  console.error(error && error.stack || String(error));
  process.exit(1);
});
