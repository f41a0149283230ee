#!/usr/bin/env node
// What a cold first query downloads, through a built site's own browser client and its loader
// under Node: the client's script and every search file the query fetches, with their
// gzip -9 sizes. No browser needed, so it runs on sites too large for the Chromium benchmark
// (benches/search_size.rs measures the same files in headless Chromium).
//
//   node benches/first_query.js BUILD_DIR "backup icloud storage" [EDITION]
//
// With EDITION (`fr`), the index is that edition's, BUILD_DIR/fr/search/.
const path = require('path'), fs = require('fs'), vm = require('vm'), zlib = require('zlib');
const [buildDir, query, edition] = process.argv.slice(2);
const client = require(path.resolve(buildDir, 'js', 'search.js'));
client.installQueue();
const files = [];
const gz = (p) => zlib.gzipSync(fs.readFileSync(p), { level: 9 }).length;
const engine = client.createEngine({ load(file) { const full = path.join(buildDir, edition || '', 'search', file.split('?')[0]); files.push([file.split('?')[0], gz(full)]); vm.runInThisContext(fs.readFileSync(full, 'utf8'), { filename: full }); } });
(async () => {
  const a = await engine.query(query, { limit: 8 });
  // search-ui.js: the page UI's own script, in builds before it became part of search.js.
  const scripts = ['js/search.js', 'js/search-ui.js'].filter((f) => fs.existsSync(path.join(buildDir, f)))
    .map((f) => [f, gz(path.join(buildDir, f))]);
  const all = scripts.concat(files);
  for (const [f, n] of all) console.log(f.padEnd(20), (n / 1024).toFixed(1), 'KB');
  console.log('total', all.length, 'requests', (all.reduce((s, x) => s + x[1], 0) / 1024).toFixed(1), 'KB gzip -9;', a.results.length, 'results');
})();
