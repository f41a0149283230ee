#!/usr/bin/env node
// A browser that cached the manifest of an older build: the client must notice that the data
// files it then loads come from another build, reload the manifest and answer from the new
// build, as a fresh client would.
//
//   node tests/search/js/stale_manifest.js OLD_BUILD_DIR NEW_BUILD_DIR QUERY
//
// Prints {"stale": [slugs], "fresh": [slugs], "manifests": N}.
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');

const [oldDir, newDir, query] = process.argv.slice(2);
const client = require(path.join(__dirname, '..', '..', '..', 'themes', 'default', 'static', 'js', 'search.js'));

function run(file, dir) {
  const full = path.join(dir, 'search', file.split('?')[0]);
  vm.runInThisContext(fs.readFileSync(full, 'utf8'), { filename: full });
}

(async () => {
  let manifests = 0;
  client.installQueue();
  const stale = client.createEngine({
    load(file) {
      if (file.startsWith('manifest.js')) {
        manifests += 1;
        // The first manifest comes from a cache that still holds the old build.
        run(file, manifests === 1 ? oldDir : newDir);
      } else {
        run(file, newDir);
      }
    },
  });
  const staleHits = await stale.search(query, { limit: 5 });
  client.installQueue();
  const fresh = client.createEngine({ load: (file) => run(file, newDir) });
  const freshHits = await fresh.search(query, { limit: 5 });
  process.stdout.write(JSON.stringify({
    stale: staleHits.map((h) => h.slug),
    fresh: freshHits.map((h) => h.slug),
    manifests,
  }));
})().catch((error) => {
  console.error(error && error.stack || String(error));
  process.exit(1);
});
