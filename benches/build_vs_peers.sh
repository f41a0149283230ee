#!/usr/bin/env bash
# Build-time benchmark: Remedy (pages + both search indexes) against Hugo alone and Hugo followed
# by Pagefind (the usual way to add search to Hugo), on the same generated knowledge bases, in one
# run. For each size and each storage (tmpfs, so the tools' own work is timed, and the real disk)
# it prints wall time (hyperfine, median), peak memory (/usr/bin/time, the largest of the runs),
# the output's entries (files + folders) and the ratios Remedy / other, then one Markdown table
# of everything for the README.
#
#   benches/build_vs_peers.sh [N ...]        default: 10000 100000
#
# Environment:
#   RUNS         hyperfine runs per command (default 3; sizes of 100,000 and more: LARGE_RUNS, 1)
#   STORAGES     "tmpfs disk" (default); sizes above DISK_MAX (10000) run in tmpfs only
#   CACHE        where generated sites are kept between runs (default target/bench-corpus): a
#                size is generated once per seed and generator source
#   WORK         scratch dir on the disk (default a new temporary dir, removed unless KEEP=1)
#   TMPFS        a tmpfs mount for the tmpfs runs (default /dev/shm)
#   SEED         corpus seed (default 42)
#   PAGEFIND_MAX largest size Pagefind is timed at with hyperfine (default 10000); above it
#                Pagefind runs once, under a memory cap of PAGEFIND_MEM_GB (default 12), and is
#                recorded as failing when it does (at 100,000 articles it needs more than the
#                24 GB of our machines)
#   EDITIONS_MAX largest size also built as two editions (default 10000): every article gets a
#                French translation (`x.fr.md`, the same text), and Remedy's time for both
#                editions is compared with one edition's in the same hyperfine run
#
# The peers are installed here, not committed: hugo, hyperfine and time from Debian's packages,
# pagefind from npm into $WORK. Every build starts without an output folder (hyperfine --prepare
# moves the last one aside and flushes writes), so all three do the same work; a last Remedy
# row shows a rebuild over an existing build dir. The commands compared take turns (one run of
# each, then the next round), so a machine that slows down or speeds up during the run (these
# shared VMs do, by a third within minutes) changes every tool's median alike, not the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(10000 100000)
RUNS=${RUNS:-3}
LARGE_RUNS=${LARGE_RUNS:-1}
SEED=${SEED:-42}
STORAGES=${STORAGES:-"tmpfs disk"}
DISK_MAX=${DISK_MAX:-10000}
PAGEFIND_MAX=${PAGEFIND_MAX:-10000}
PAGEFIND_MEM_GB=${PAGEFIND_MEM_GB:-12}
EDITIONS_MAX=${EDITIONS_MAX:-10000}
CACHE=${CACHE:-$PWD/target/bench-corpus}
TMPFS=${TMPFS:-/dev/shm}
WORK=${WORK:-$(mktemp -d /tmp/remedy-peers-XXXXXX)}
TMPFS_WORK="$TMPFS/remedy-peers-$$"
mkdir -p "$WORK" "$CACHE"
cleanup() {
  rm -rf "$TMPFS_WORK"
  [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

need=()
command -v hugo >/dev/null || need+=(hugo)
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
command -v prlimit >/dev/null || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} ..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -x "$WORK/npm/node_modules/.bin/pagefind" ]; then
  echo "installing pagefind from npm ..." >&2
  mkdir -p "$WORK/npm"
  (cd "$WORK/npm" && npm install --silent --no-audit --no-fund pagefind@1 >/dev/null)
fi
# The npm package's launcher is a Node script; time and cap the native binary it runs.
PAGEFIND=$(find "$WORK/npm/node_modules" -path '*pagefind*' -type f -name pagefind -perm -u+x \
  ! -path '*/.bin/*' | head -1)
[ -n "$PAGEFIND" ] || PAGEFIND="$WORK/npm/node_modules/.bin/pagefind"

cargo build --release --quiet --bin remedy --example gen_corpus
REMEDY="$PWD/target/release/remedy"
GEN="$PWD/target/release/examples/gen_corpus"
GEN_ID=$(cat examples/gen_corpus/*.rs | sha256sum | cut -c1-12)

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(hugo version | cut -d' ' -f1-2), pagefind $("$PAGEFIND" --version 2>/dev/null | tail -1)"
echo

# The generated sites of a size, made once per seed and generator source.
corpus() {
  local n=$1 dir="$CACHE/$1-seed$SEED-$GEN_ID"
  if [ ! -f "$dir/done" ]; then
    rm -rf "$CACHE/$n-seed$SEED-"*
    mkdir -p "$dir"
    echo "generating $n articles into $dir ..." >&2
    "$GEN" --articles "$n" --seed "$SEED" --out "$dir/remedy" --hugo "$dir/hugo" >/dev/null
    touch "$dir/done"
  fi
  echo "$dir"
}

entries() { # files + folders of a build dir, as "files folders"
  echo "$(find "$1" -type f | wc -l) $(find "$1" -type d | wc -l)"
}

# Runs hyperfine's commands ("${@:4}", with their --prepare and -n) in turns: $2 rounds of one
# warm-up run each (not counted), then $3 rounds of one run each, and writes the runs of each
# command with their median to $1, as `hyperfine --export-json` would.
interleaved() {
  local out=$1 warmup=$2 rounds=$3 round
  shift 3
  for ((round = 0; round < warmup; round++)); do
    hyperfine --style none --runs 1 "$@" >/dev/null
  done
  for ((round = 0; round < rounds; round++)); do
    hyperfine --style none --runs 1 --export-json "$out.$round" "$@" >/dev/null
  done
  python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
runs = {}
for round in range(rounds):
    for result in json.load(open(f"{out}.{round}"))["results"]:
        runs.setdefault(result["command"], []).extend(result["times"])
json.dump({"results": [{"command": name, "times": times, "median": statistics.median(times)}
                       for name, times in runs.items()]}, open(out, "w"))
PY
}

TABLE="$WORK/table.md"
echo "| articles | storage | Remedy | Hugo | Hugo + Pagefind | Remedy / Hugo | Remedy / Hugo + Pagefind | entries Remedy / Hugo |" >"$TABLE"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |" >>"$TABLE"

for N in "${SIZES[@]}"; do
  SOURCE=$(corpus "$N")
  runs=$RUNS
  [ "$N" -ge 100000 ] && runs=$LARGE_RUNS
  for STORAGE in $STORAGES; do
    if [ "$STORAGE" = disk ] && [ "$N" -gt "$DISK_MAX" ]; then continue; fi
    case $STORAGE in
      tmpfs) BASE="$TMPFS_WORK" ;;
      disk) BASE="$WORK/disk" ;;
      *) echo "unknown storage $STORAGE" >&2; exit 2 ;;
    esac
    rm -rf "$BASE"; mkdir -p "$BASE/trash" "$BASE/mem"
    SITE="$BASE/remedy"; HUGO="$BASE/hugo"; MEM="$BASE/mem"
    cp -r "$SOURCE/remedy" "$SITE"; cp -r "$SOURCE/hugo" "$HUGO"
    sync
    # On disk the previous run's output is moved aside, not deleted: on ext4 without a journal
    # (as on these VMs) the kernel scans recently deleted inodes on every file it creates for
    # the next ~30 s, so a build started right after `rm -rf` of a large site runs 2-4x slower,
    # whatever the tool. `sync` flushes the previous run's writes, so no run pays for the one
    # before.
    # In tmpfs the output is deleted: deleting costs nothing there, and a 100,000-article site's
    # outputs kept aside would take the memory Hugo needs.
    discard() { # the command that puts the folder $1 out of the way
      if [ "$STORAGE" = tmpfs ]; then echo "rm -rf $1"; else echo "mv $1 $BASE/trash/\$(date +%s%N)"; fi
    }
    # Each tool starts with the other's output gone too: at 100,000 articles Hugo needs some
    # 16 GB and Remedy's site takes 3.4 GB of tmpfs; together they do not fit in 24 GB.
    clean_both="for d in $SITE/public $SITE/.public.remedy-* $HUGO/public; do [ -e \$d ] && $(discard '$d'); done; sync"
    timed() { echo "/usr/bin/time -a -o $MEM/$1 -f %M"; } # appends each run's peak KB
    # The rebuild comes right after the build it rebuilds: each round, the next command's
    # --prepare takes its output away.
    commands=(
      --prepare "$clean_both" -n remedy "$(timed remedy) $REMEDY build --quiet --root $SITE"
      --prepare "sync" -n "remedy rebuild" "$(timed remedy) $REMEDY build --quiet --root $SITE"
      --prepare "$clean_both" -n hugo "$(timed hugo) hugo --quiet --source $HUGO"
    )
    if [ "$N" -le "$PAGEFIND_MAX" ]; then
      commands+=(--prepare "$clean_both" -n hugo+pagefind
        "$(timed hugo2) hugo --quiet --source $HUGO && $(timed pagefind) $PAGEFIND --site $HUGO/public --silent")
    fi
    interleaved "$BASE/times.json" "$([ "$runs" -gt 1 ] && echo 1 || echo 0)" "$runs" "${commands[@]}"
    pagefind_entries="0 0"
    if [ "$N" -le "$PAGEFIND_MAX" ]; then
      pagefind_entries=$(entries "$HUGO/public/pagefind") # the last round's last command
    fi
    # The last round ended with a peer, which took Remedy's output away: build it again to count
    # and copy it.
    eval "$clean_both"; "$REMEDY" build --quiet --root "$SITE"
    read -r remedy_files remedy_dirs <<<"$(entries "$SITE/public")"
    # The machine's own growth: the time of copying Remedy's output (`cp -r`, one thread), so
    # each size's time can be set against what merely writing that many bytes costs here.
    # These VMs report freed memory to their host, and memory touched again then costs a fault
    # in the host: measured by hand, copying the 100,000-article output (3.3 GB) took 20 times
    # as long as the 10,000-article one (370 MB). Here each copy reuses the pages of the copy
    # deleted just before it, so this is the lower bound of what writing costs.
    hyperfine --style none --runs "$runs" --export-json "$BASE/copy.json" \
      --prepare "rm -rf $BASE/copy; sync" -n copy "cp -r $SITE/public $BASE/copy" >/dev/null
    rm -rf "$BASE/copy"
    pagefind_status=ok pagefind_time=0
    if [ "$N" -le "$PAGEFIND_MAX" ]; then
      eval "$clean_both"; hugo --quiet --source "$HUGO"
    else
      eval "$clean_both"; hugo --quiet --source "$HUGO"; sync
      start=$(date +%s.%N)
      if prlimit --as=$((PAGEFIND_MEM_GB * 1024 * 1024 * 1024)) \
        /usr/bin/time -a -o "$MEM/pagefind" -f %M "$PAGEFIND" --site "$HUGO/public" --silent \
        >"$BASE/pagefind.log" 2>&1; then
        pagefind_entries=$(entries "$HUGO/public/pagefind")
      else
        pagefind_status="failed (memory capped at $PAGEFIND_MEM_GB GB: $(grep -m1 -io 'memory[^.]*' "$BASE/pagefind.log" || tail -c 120 "$BASE/pagefind.log" | tr '\n' ' '))"
      fi
      pagefind_time=$(awk "BEGIN { print $(date +%s.%N) - $start }")
      rm -rf "$HUGO/public/pagefind"
    fi
    read -r hugo_files hugo_dirs <<<"$(entries "$HUGO/public")"
    python3 - "$BASE/times.json" "$N" "$STORAGE" "$MEM" "$TABLE" "$remedy_files" "$remedy_dirs" \
      "$hugo_files" "$hugo_dirs" "$pagefind_entries" "$pagefind_status" "$pagefind_time" <<'PY'
import json, os, sys
times, n, storage, mem, table = sys.argv[1:6]
rf, rd, hf, hd = map(int, sys.argv[6:10])
pf_files, pf_dirs = map(int, sys.argv[10].split())
pf_status, pf_time = sys.argv[11], float(sys.argv[12])
t = {r["command"]: r for r in json.load(open(times))["results"]}
def peak(name):
    path = os.path.join(mem, name)
    if not os.path.exists(path):
        return 0
    values = [int(line) for line in open(path) if line.strip().isdigit()]
    return max(values) // 1024 if values else 0
med = {name: r["median"] for name, r in t.items()}
mb = {"remedy": peak("remedy"), "hugo": peak("hugo"), "remedy rebuild": peak("remedy")}
if "hugo+pagefind" in med:
    mb["hugo+pagefind"] = max(peak("hugo2"), peak("pagefind"))
elif pf_status == "ok":
    med["hugo+pagefind"] = med["hugo"] + pf_time
    mb["hugo+pagefind"] = max(peak("hugo"), peak("pagefind"))
entries = {"remedy": rf + rd, "hugo": hf + hd, "hugo+pagefind": hf + hd + pf_files + pf_dirs,
           "remedy rebuild": rf + rd}
runs = len(t["remedy"]["times"])
print(f"N = {n} articles, {storage} (median of {runs} run{'s' if runs > 1 else ''}, clean output folder each run)")
print(f"  {'':16} {'wall':>9} {'peak MB':>8} {'entries':>8} {'remedy/this':>12}")
for name in ["remedy", "hugo", "hugo+pagefind", "remedy rebuild"]:
    if name not in med:
        print(f"  {name:16} {'—':>9} {'—':>8} {'—':>8}   Pagefind {pf_status}, after {pf_time:.0f} s")
        continue
    print(f"  {name:16} {med[name]:8.2f}s {mb[name]:8} {entries[name]:8} {med['remedy'] / med[name]:12.2f}")
print(f"  entries: remedy {rf} files + {rd} folders, hugo {hf} + {hd}: {(rf + rd) / (hf + hd):.2f}x")
copy = json.load(open(os.path.join(os.path.dirname(times), "copy.json")))["results"][0]["median"]
print(f"  copying Remedy's output (cp -r): {copy:.2f}s")
print()
with open(os.path.join(os.path.dirname(table), "growth.txt"), "a") as out:
    out.write(f"{n} {storage} {med['remedy']} {med['hugo']} {copy}\n")
cell = lambda name: f"{med[name]:.1f} s, {mb[name]:,} MB" if name in med else f"Pagefind {pf_status.split(' (')[0]}"
ratio = lambda name: f"{med['remedy'] / med[name]:.2f}" if name in med else "—"
with open(table, "a") as out:
    out.write(f"| {int(n):,} | {storage} | {cell('remedy')} | {cell('hugo')} | {cell('hugo+pagefind')} "
              f"| {ratio('hugo')} | {ratio('hugo+pagefind')} | {rf + rd:,} / {hf + hd:,} = {(rf + rd) / (hf + hd):.2f} |\n")
PY
    if [ "$N" -le "$EDITIONS_MAX" ] && [ "$STORAGE" = tmpfs ]; then
      # A second edition: the same site with a French translation of every article.
      eval "$clean_both"
      FR="$BASE/remedy-fr"
      cp -r "$SITE" "$FR"
      python3 - "$FR" <<'PY'
import pathlib, sys
root = pathlib.Path(sys.argv[1])
(root / "book.toml").open("a").write('\n[languages.fr]\ntitle = "Centre d\'aide généré"\n')
kept = ("title", "summary", "symptoms", "tags", "updated")
for path in sorted((root / "content").glob("*/*.md")):
    if path.name.startswith("_") or path.name.count(".") > 1:
        continue
    text = path.read_text()
    _, front, body = text.split("+++\n", 2)
    lines = [l for l in front.splitlines() if l.split(" = ")[0] in kept]
    path.with_suffix(".fr.md").write_text("+++\n" + "\n".join(lines) + "\n+++\n" + body)
PY
      sync
      clean_fr="rm -rf $SITE/public $FR/public; sync"
      interleaved "$BASE/editions.json" 1 "$runs" \
        --prepare "$clean_fr" -n "one edition" "$REMEDY build --quiet --root $SITE" \
        --prepare "$clean_fr" -n "two editions" "$REMEDY build --quiet --root $FR"
      python3 - "$BASE/editions.json" "$N" <<'PY'
import json, sys
t = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
one, two = t["one edition"], t["two editions"]
print(f"  editions, {int(sys.argv[2]):,} articles: one {one:.2f}s, two (every article translated) {two:.2f}s: {two / one:.2f}x")
print()
PY
    fi
    rm -rf "$BASE"
    [ "$STORAGE" = disk ] && sleep 35 # let the deleted inodes age before the next size
  done
done
python3 - "$WORK/growth.txt" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    n, storage, remedy, hugo, copy = line.split()
    rows.setdefault(storage, []).append((int(n), float(remedy), float(hugo), float(copy)))
for storage, sizes in rows.items():
    sizes.sort()
    for (n0, r0, h0, c0), (n1, r1, h1, c1) in zip(sizes, sizes[1:]):
        print(f"growth {n0:,} -> {n1:,} articles ({n1 / n0:.0f}x), {storage}: Remedy {r1 / r0:.1f}x, "
              f"Hugo {h1 / h0:.1f}x, copying Remedy's output {c1 / c0:.1f}x")
print()
PY
echo "Markdown table (README, Performance):"
cat "$TABLE"
