#!/usr/bin/env bash
# Build-time benchmark: Remedy (pages + both search indexes) against Hugo alone and Hugo followed
# by Pagefind (the usual way to add search to Hugo), on the same generated knowledge bases, in one
# run. Prints wall time (hyperfine, median of several runs), peak memory (/usr/bin/time -v) and the
# ratios Remedy / other.
#
#   benches/build_vs_peers.sh [N ...]        default: 1000 10000
#
# Environment: RUNS (hyperfine runs per command, default 5), WORK (scratch dir, default a new
# temporary dir, removed at the end unless KEEP=1), SEED (default 42).
#
# The peers are installed here, not committed: hugo, hyperfine and time from Debian's packages,
# pagefind from npm into $WORK. Every build starts without an output folder (hyperfine --prepare
# moves the last one aside and flushes writes), so all three do the same work; a second Remedy row
# shows a rebuild over an existing build dir, which also pays for deleting the previous site.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000)
RUNS=${RUNS:-5}
SEED=${SEED:-42}
WORK=${WORK:-$(mktemp -d /tmp/remedy-peers-XXXXXX)}
mkdir -p "$WORK"
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT

need=()
command -v hugo >/dev/null || need+=(hugo)
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -x "$WORK/npm/node_modules/.bin/pagefind" ]; then
  echo "installing pagefind from npm ..." >&2
  mkdir -p "$WORK/npm"
  (cd "$WORK/npm" && npm install --silent --no-audit --no-fund pagefind@1 >/dev/null)
fi
PAGEFIND="$WORK/npm/node_modules/.bin/pagefind"

cargo build --release --quiet --bin remedy --example gen_corpus
REMEDY="$PWD/target/release/remedy"
GEN="$PWD/target/release/examples/gen_corpus"

echo "machine: $(nproc) cores, $(hugo version | cut -d' ' -f1-2), pagefind $("$PAGEFIND" --version 2>/dev/null | tail -1)"
echo

peak_mb() { # peak resident memory of a command, in MB
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}'
}

for N in "${SIZES[@]}"; do
  SITE="$WORK/remedy-$N"
  HUGO="$WORK/hugo-$N"
  rm -rf "$SITE" "$HUGO"
  "$GEN" --articles "$N" --seed "$SEED" --out "$SITE" --hugo "$HUGO" >/dev/null
  sync # the generator's writes are flushed before anything is timed
  # The previous run's output is moved aside, not deleted: on ext4 without a journal (as on these
  # VMs) the kernel scans recently deleted inodes on every file it creates for the next ~30 s, so
  # a build started right after `rm -rf` of a large site runs 2-4x slower, whatever the tool. Each
  # tool is timed on its own work; the trash is deleted after the size is done. `sync` flushes
  # the previous run's writes, so no run pays for the one before.
  mkdir -p "$WORK/trash"
  clean_remedy="for d in $SITE/public $SITE/.public.remedy-*; do [ -e \$d ] && mv \$d $WORK/trash/\$(date +%s%N); done; sync"
  clean_hugo="[ -e $HUGO/public ] && mv $HUGO/public $WORK/trash/\$(date +%s%N); sync"
  hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$WORK/times-$N.json" \
    --prepare "$clean_remedy" -n remedy "$REMEDY build --quiet --root $SITE" \
    --prepare "$clean_hugo" -n hugo "hugo --quiet --source $HUGO" \
    --prepare "$clean_hugo" -n hugo+pagefind "hugo --quiet --source $HUGO && $PAGEFIND --site $HUGO/public --silent" \
    --prepare "sync" -n "remedy rebuild" "$REMEDY build --quiet --root $SITE" >/dev/null
  eval "$clean_remedy"; mem_remedy=$(peak_mb "$REMEDY" build --quiet --root "$SITE")
  eval "$clean_hugo"; mem_hugo=$(peak_mb hugo --quiet --source "$HUGO")
  mem_pagefind=$(peak_mb "$PAGEFIND" --site "$HUGO/public" --silent)
  mem_both=$(( mem_hugo > mem_pagefind ? mem_hugo : mem_pagefind ))
  python3 - "$WORK/times-$N.json" "$N" "$mem_remedy" "$mem_hugo" "$mem_both" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
n, mem_remedy, mem_hugo, mem_both = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
t = {r["command"]: r for r in data["results"]}
med = lambda name: t[name]["median"]
mem = {"remedy": mem_remedy, "hugo": mem_hugo, "hugo+pagefind": mem_both, "remedy rebuild": mem_remedy}
print(f"N = {n} articles (median of {len(t['remedy']['times'])} runs, clean output folder each run)")
print(f"  {'':16} {'wall':>9} {'peak MB':>8} {'remedy/this':>12}")
for name in ["remedy", "hugo", "hugo+pagefind", "remedy rebuild"]:
    ratio = med("remedy") / med(name)
    print(f"  {name:16} {med(name):8.2f}s {mem[name]:8} {ratio:12.2f}")
print()
PY
  rm -rf "$WORK/trash"
  sleep 35 # let the deleted inodes age before the next size
done
