#!/usr/bin/env node
// Runs texts through an analysis module (wasm/modules/analysis-<code>.wasm) the way the browser
// does, through search.js's own glue, and prints what it makes of them as JSON:
//
//   node tests/search/js/analysis_parity.js MODULE.wasm ANALYSIS.json TEXTS.json > out.json
//
// ANALYSIS.json is the manifest's `analysis` ({id, module}, the module as Remedy encodes it for
// the manifest): the script fails unless search.js decodes that module to MODULE.wasm's bytes.
// TEXTS.json is a JSON array of strings. The output is one array with, per text,
// [queryWords(text, keepLast = true), queryWords(text, false), indexTerms(text)], a query word
// as [role, code, typed, term] and an index term as [start, end, term] (UTF-16 offsets). The
// module is refused, and the script fails, if its id is not the analysis' id.
'use strict';

const fs = require('fs');
const path = require('path');

const [modulePath, specFile, textsFile] = process.argv.slice(2);
if (!modulePath || !specFile || !textsFile) {
  console.error('usage: node analysis_parity.js MODULE.wasm ANALYSIS.json TEXTS.json');
  process.exit(2);
}
const client = require(path.join(__dirname, '..', '..', '..', 'themes', 'default', 'static', 'js', 'search.js'));
const texts = JSON.parse(fs.readFileSync(textsFile, 'utf8'));
const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
if (!Buffer.from(client.analysis.decodeModule(spec.module)).equals(fs.readFileSync(modulePath))) {
  console.error(`the module of ${specFile} does not decode to the bytes of ${modulePath}`);
  process.exit(1);
}

client.analysis.instantiate(spec).then((analysis) => {
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
