#!/usr/bin/env node
// Runs labelled queries through a built site's own browser search client under Node, for
// benches/search_quality.rs:
//
//   node tests/search/js/quality.js BUILD_DIR QUERIES.json [LIMIT] [EDITION]
//
// With EDITION (`fr`), the index is the edition's, BUILD_DIR/fr/search/, as on its pages.
// The client is BUILD_DIR/js/search.js, the one the `remedy` binary that built the site ships,
// so an older binary is measured with its own client. QUERIES.json is an array of
// {"q": "...", "lang": "fr"} objects (lang optional). The output is one JSON object:
// {"results": [[slug, ...], ...], "unmatched": [[word, ...] or null, ...]}, null where the
// client does not report unmatched words. The client may offer `query(q, {limit, lang})`
// returning {query, results, unmatched} or only `search(q, {limit})` returning the results
// array; both are accepted.
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');

const [buildDir, queriesFile, limitText, edition] = process.argv.slice(2);
if (!buildDir || !queriesFile) {
  console.error('usage: node quality.js BUILD_DIR QUERIES.json [LIMIT] [EDITION]');
  process.exit(2);
}
const limit = Number(limitText || 10);
const client = require(path.resolve(buildDir, 'js', 'search.js'));
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));

client.installQueue();
const engine = client.createEngine({
  load(file) {
    const full = path.join(buildDir, edition || '', 'search', file.split('?')[0]);
    vm.runInThisContext(fs.readFileSync(full, 'utf8'), { filename: full });
  },
});

// {results, unmatched} from whichever shape the client answers with.
function normalise(answer) {
  if (Array.isArray(answer)) return { results: answer, unmatched: null };
  return { results: answer.results || [], unmatched: answer.unmatched || [] };
}

(async () => {
  const results = [];
  const unmatched = [];
  for (const { q, lang } of queries) {
    const options = lang ? { limit, lang } : { limit };
    const answer = typeof engine.query === 'function'
      ? await engine.query(q, options)
      : await engine.search(q, options);
    const { results: hits, unmatched: words } = normalise(answer);
    results.push(hits.map((hit) => hit.slug));
    unmatched.push(words);
  }
  process.stdout.write(JSON.stringify({ results, unmatched }));
})().catch((error) => {
  console.error(error && error.stack || String(error));
  process.exit(1);
});
