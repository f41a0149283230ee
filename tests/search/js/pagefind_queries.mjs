#!/usr/bin/env node
// Runs queries through Pagefind's own browser client (pagefind.js and its WebAssembly) under
// Node, over a Pagefind bundle on disk, for benches/search_quality.rs:
//
//   node tests/search/js/pagefind_queries.mjs BUNDLE_DIR QUERIES.json [LIMIT]
//
// BUNDLE_DIR is what `pagefind --output-path` wrote. QUERIES.json is an array of {"q": "..."}
// objects. The output is one JSON object: {"results": [[slug, ...], ...], "totals": [n, ...]},
// the first LIMIT results of each query as slugs (the page URL without its slashes) and how many
// pages Pagefind matched in all. The client fetches its files; fetch() is given file: URLs here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [bundleDir, queriesFile, limitText] = process.argv.slice(2);
if (!bundleDir || !queriesFile) {
  console.error('usage: node pagefind_queries.mjs BUNDLE_DIR QUERIES.json [LIMIT]');
  process.exit(2);
}
const limit = Number(limitText || 10);
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const bundle = path.resolve(bundleDir);

const networkFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = String((input && input.url) || input);
  if (!url.startsWith('file:')) return networkFetch(input, init);
  const file = fileURLToPath(url.split('?')[0]);
  const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
  return new Response(fs.readFileSync(file), { status: 200, headers: { 'content-type': type } });
};

const pagefind = await import(pathToFileURL(path.join(bundle, 'pagefind.js')).href);
await pagefind.options({ basePath: pathToFileURL(bundle + '/').href, baseUrl: '/' });
await pagefind.init();

const results = [];
const totals = [];
for (const { q } of queries) {
  const answer = await pagefind.search(q);
  const found = (answer && answer.results) || [];
  const pages = await Promise.all(found.slice(0, limit).map((result) => result.data()));
  results.push(pages.map((page) => page.url.replace(/^\/+|\/+$/g, '')));
  totals.push(found.length);
}
process.stdout.write(JSON.stringify({ results, totals }));
