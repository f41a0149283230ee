#!/usr/bin/env node
// Runs queries through the browser search client (themes/default/static/js/search.js) under
// Node, over a built site's browser index, and prints the results as JSON:
//
//   node tests/search/js/run_queries.js BUILD_DIR QUERIES.json LIMIT > results.json
//
// QUERIES.json is a JSON array of query strings, or of {"q": ..., "filters": {...}} objects.
// The output is one JSON object: {"results": [[{slug, kind, title, url, score, excerpt}, ...],
// ...], "unmatched": [[word, ...], ...], "totals": [N, ...], "files": [...], "millis": [...]}
// with what `query` answered, the files each query loaded (cold, one fresh client per query
// when "--cold" is given) and how long each query took once its files were loaded and the JIT
// warm (the median of "--repeat N" runs; not measured with --cold).
//
// With --analyze it prints instead, for each query, the terms of its words as the client's
// analysis makes them (the last word kept even if it is a stop word):
// {"terms": [["term", ...], ...]}.
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');

const args = process.argv.slice(2);
const cold = args.includes('--cold');
const analyze = args.includes('--analyze');
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args[repeatAt + 1]) : 1;
const [buildDir, queriesFile, limitText] = args.filter((a, i) => !a.startsWith('--') && (repeatAt < 0 || i !== repeatAt + 1));
if (!buildDir || !queriesFile) {
  console.error('usage: node run_queries.js BUILD_DIR QUERIES.json [LIMIT] [--cold]');
  process.exit(2);
}
const limit = Number(limitText || 10);
const client = require(path.join(__dirname, '..', '..', '..', 'themes', 'default', 'static', 'js', 'search.js'));
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));

function newEngine(loaded) {
  client.installQueue();
  return client.createEngine({
    load(file) {
      const bare = file.split('?')[0];
      const full = path.join(buildDir, 'search', bare);
      loaded.push(bare);
      vm.runInThisContext(fs.readFileSync(full, 'utf8'), { filename: full });
    },
  });
}

const text = (query) => (typeof query === 'string' ? query : query.q);
const options = (query) => (typeof query === 'string' ? { limit } : { limit, filters: query.filters });

(async () => {
  if (analyze) {
    const engine = newEngine([]);
    const terms = [];
    for (const query of queries) {
      terms.push((await engine.words(text(query))).map((w) => w.term));
    }
    process.stdout.write(JSON.stringify({ terms }));
    return;
  }
  const results = [];
  const unmatched = [];
  const totals = [];
  const files = [];
  const millis = [];
  let shared = null;
  let sharedLoaded = [];
  for (const query of queries) {
    let engine;
    let loaded;
    if (cold || !shared) {
      loaded = [];
      engine = newEngine(loaded);
      if (!cold) { shared = engine; sharedLoaded = loaded; }
    } else {
      engine = shared;
      loaded = sharedLoaded;
    }
    const before = loaded.length;
    const answer = await engine.query(text(query), options(query));
    results.push(answer.results);
    unmatched.push(answer.unmatched);
    totals.push(answer.total);
    files.push(loaded.slice(cold ? 0 : before));
  }
  // Timing, with every file in memory: the query work itself. Every query runs three times
  // first (the JIT warms up as it would after a few keystrokes), then `repeat` times
  // (--repeat N, default 1); the median counts.
  if (!cold && shared) {
    for (let pass = 0; pass < 3; pass++) {
      for (const query of queries) await shared.search(text(query), options(query));
    }
  }
  for (let i = 0; i < queries.length; i++) {
    if (cold) { millis.push(0); continue; }
    const times = [];
    for (let r = 0; r < repeat; r++) {
      const start = process.hrtime.bigint();
      await shared.search(text(queries[i]), options(queries[i]));
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    millis.push(times[Math.floor(times.length / 2)]);
  }
  process.stdout.write(JSON.stringify({ results, unmatched, totals, files, millis }));
})().catch((error) => {
  console.error(error && error.stack || String(error));
  process.exit(1);
});
