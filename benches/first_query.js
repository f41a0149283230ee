#!/usr/bin/env node
// What a cold first query downloads, through a built site's own browser client and its loader
// under Node: the client's script and every search file the query fetches, with their
// gzip -9 sizes. No browser needed, so it runs on sites too large for the Chromium benchmark
// (benches/search_size.rs measures the same files in headless Chromium).
//
//   node benches/first_query.js BUILD_DIR "backup icloud storage" [EDITION]
//   node benches/first_query.js BUILD_DIR --queries tests/search/queries.toml [EDITION]
//
// With EDITION (`fr`), the index is that edition's, BUILD_DIR/fr/search/. With --queries, every
// `q = "..."` of a labelled query file is a first query of its own (a fresh engine, nothing
// cached): one line each, then the median, 90th percentile and largest download and request
// count, and how many queries stay within 80 KB and 5 requests (issue 17's goal at 100,000
// articles).
const path = require('path'), fs = require('fs'), vm = require('vm'), zlib = require('zlib');
const args = process.argv.slice(2);
const buildDir = args[0];
const queryFile = args[1] === '--queries' ? args[2] : null;
const edition = queryFile ? args[3] : args[2];
const client = require(path.resolve(buildDir, 'js', 'search.js'));
client.installQueue();
// Each file's gzip -9 size, taken once: with --queries every query loads the manifest again.
const sizes = new Map();
const gz = (p) => {
  if (!sizes.has(p)) sizes.set(p, zlib.gzipSync(fs.readFileSync(p), { level: 9 }).length);
  return sizes.get(p);
};
// search-ui.js: the page UI's own script, in builds before it became part of search.js.
const scripts = ['js/search.js', 'js/search-ui.js'].filter((f) => fs.existsSync(path.join(buildDir, f)))
  .map((f) => [f, gz(path.join(buildDir, f))]);

// The files one cold query fetches, scripts first: [[file, gzip bytes], ...], and its results.
async function firstQuery(query) {
  const files = [];
  const engine = client.createEngine({
    load(file) {
      const full = path.join(buildDir, edition || '', 'search', file.split('?')[0]);
      files.push([file.split('?')[0], gz(full)]);
      vm.runInThisContext(fs.readFileSync(full, 'utf8'), { filename: full });
    },
  });
  const answer = await engine.query(query, { limit: 8 });
  return { files: scripts.concat(files), results: answer.results.length };
}
const kb = (bytes) => (bytes / 1024).toFixed(1);
const total = (files) => files.reduce((s, x) => s + x[1], 0);

// The `q = "..."` lines of a labelled query file (TOML basic strings are JSON strings here).
function queriesOf(file) {
  return fs.readFileSync(file, 'utf8').split('\n')
    .map((line) => /^q\s*=\s*(".*")\s*$/.exec(line.trim()))
    .filter(Boolean)
    .map((m) => JSON.parse(m[1]));
}

(async () => {
  if (!queryFile) {
    const { files, results } = await firstQuery(args[1]);
    for (const [f, n] of files) console.log(f.padEnd(20), kb(n), 'KB');
    console.log('total', files.length, 'requests', kb(total(files)), 'KB gzip -9;', results, 'results');
    return;
  }
  const rows = [];
  for (const q of queriesOf(queryFile)) {
    const { files } = await firstQuery(q);
    rows.push({ q, requests: files.length, bytes: total(files) });
    console.log(String(files.length).padStart(3), 'requests', kb(total(files)).padStart(6), 'KB ', q);
  }
  const sorted = (key) => rows.map((r) => r[key]).sort((a, b) => a - b);
  const at = (list, share) => list[Math.min(list.length - 1, Math.floor(share * list.length))];
  const bytes = sorted('bytes'), requests = sorted('requests');
  const within = rows.filter((r) => r.bytes <= 80 * 1024 && r.requests <= 5).length;
  console.log(`${rows.length} queries: KB gzip -9 median ${kb(at(bytes, 0.5))}, p90 ${kb(at(bytes, 0.9))},`,
    `max ${kb(bytes[bytes.length - 1])}; requests median ${at(requests, 0.5)}, p90 ${at(requests, 0.9)},`,
    `max ${requests[requests.length - 1]}; within 80 KB and 5 requests: ${within}`);
})();
