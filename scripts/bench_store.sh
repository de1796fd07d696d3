#!/usr/bin/env bash
# Store runs on the BBC corpus (issue 6, acceptance 4 and 5), as ratios
# measured in the same script run:
#
#   - SQLite: the whole corpus into a fresh store, then one new article into
#     that store (the incremental run), and the incremental run's share of
#     the full run's time; the same for a resident `watch` on that store
#     (scripts/bench/watch_latency.py); `check` of the corpus alone for scale;
#   - PostgreSQL: 1, 2 and 3 workers (`run` processes started together on
#     one fresh store), articles per second until the last worker is done.
#
# Each timing is the median of --repeat runs (wall clock, whole process).
# A PostgreSQL server is started for the benchmark (scripts/pg_cluster.sh)
# unless CROSSCHECK_PG_URL names one.
#
# usage: scripts/bench_store.sh [--repeat 3] [--no-pg]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
bin=${CROSSCHECK:-$root/build/crosscheck}
corpus=$shared/corpus/bbc-news-2004
repeat=3
pg=1
while [ $# -gt 0 ]; do
  case $1 in
    --repeat) repeat=$2; shift 2 ;;
    --no-pg) pg=0; shift ;;
    *) echo "usage: $0 [--repeat N] [--no-pg]" >&2; exit 2 ;;
  esac
done
[ -d "$corpus" ] || { echo "bench_store: no $corpus" >&2; exit 2; }
tmp=$(mktemp -d)
pg_dir=
cleanup() {
  [ -n "$pg_dir" ] && bash "$root/scripts/pg_cluster.sh" stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
articles=$(find "$corpus" -name '*.txt' | wc -l)

# One article no store has seen: a BBC story with a new first paragraph.
mkdir -p "$tmp/inbox-new"
first=$(find "$corpus" -name '*.txt' | sort | sed -n 1p)
{ echo "Update: the company said on Monday that 3,000 jobs would go by 2006."; cat "$first"; } \
  >"$tmp/inbox-new/update-1.txt"

check_s=(); full_s=(); inc_s=()
for i in $(seq "$repeat"); do
  t0=$(now); "$bin" check "$corpus" --format json --out "$tmp/check.json"; t1=$(now)
  check_s+=("$(echo "$t1 - $t0" | bc -l)")
  rm -f "$tmp/full.db"*
  t0=$(now); "$bin" run --store "$tmp/full.db" --inbox "$corpus" --format json --out "$tmp/full.json"; t1=$(now)
  full_s+=("$(echo "$t1 - $t0" | bc -l)")
  cp "$tmp/full.db" "$tmp/inc.db"
  t0=$(now); "$bin" run --store "$tmp/inc.db" --inbox "$tmp/inbox-new" --format json --out "$tmp/inc.json"; t1=$(now)
  inc_s+=("$(echo "$t1 - $t0" | bc -l)")
done
# A resident watch on that store (RunSession): the rules compiled and the
# store read once, then one new article at a time, each timed from its
# rename into the inbox to the watch's line about it.
cp "$tmp/full.db" "$tmp/watch.db"
watch_out=$(python3 "$root/scripts/bench/watch_latency.py" "$bin" "$tmp/watch.db" \
  "$tmp/inbox-watch" "$first" 9)
watch_ms=$(echo "$watch_out" | awk '/^median:/ {print $2}')
watch_first=$(echo "$watch_out" | awk '/^first run/ {print $(NF-1)}')

check=$(printf '%s\n' "${check_s[@]}" | median)
full=$(printf '%s\n' "${full_s[@]}" | median)
inc=$(printf '%s\n' "${inc_s[@]}" | median)
reanalysed=$(python3 -c "import json;d=json.load(open('$tmp/inc.json'))['articles'];print(d['analysed'],'analysed,',d['reanalysed'],'analysed again')")

echo
echo "BBC corpus: $articles articles; median of $repeat"
printf '%-52s %9s %9s\n' "what" "seconds" "ratio"
printf '%-52s %9.3f %9s\n' "check (no store)" "$check" "-"
printf '%-52s %9.3f %9.2f\n' "run, whole corpus into a new SQLite store" "$full" "$(echo "$full / $check" | bc -l)"
printf '%-52s %9.3f %8.2f%%\n' "run, 1 new article into that store (of the full run)" "$inc" "$(echo "100 * $inc / $full" | bc -l)"
echo "  incremental run: $reanalysed"
printf '%-52s %9.3f %8.2f%%\n' "watch (resident), 1 new article into that store" \
  "$(echo "$watch_ms / 1000" | bc -l)" "$(echo "100 * $watch_ms / 1000 / $full" | bc -l)"
echo "  median of 9 articles, each timed from its arrival to the watch's report;"
echo "  the watch's first run (rules compiled, the store read) took $watch_first ms"

[ "$pg" = 1 ] || exit 0
url=${CROSSCHECK_PG_URL:-}
if [ -z "$url" ]; then
  pg_dir=$(mktemp -d)
  url=$(bash "$root/scripts/pg_cluster.sh" start "$pg_dir" 2>/dev/null)
fi
psql_url=$url
schema_url() {
  case $url in *\?*) echo "$url&options=-csearch_path%3D$1" ;; *) echo "$url?options=-csearch_path%3D$1" ;; esac
}
printf '%-52s %9s %9s\n' "PostgreSQL workers (fsync off: a test cluster)" "seconds" "art/s"
for workers in 1 2 3; do
  runs=()
  for i in $(seq "$repeat"); do
    schema=bench_${workers}_${i}_$$
    psql -q "$psql_url" -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" 2>/dev/null
    store=$(schema_url "$schema")
    "$bin" run --store "$store" --format json --out /dev/null  # creates the tables
    t0=$(now)
    pids=()
    for w in $(seq "$workers"); do
      "$bin" run --store "$store" --inbox "$corpus" --format json --out "$tmp/w$w.json" &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p"; done
    t1=$(now)
    runs+=("$(echo "$t1 - $t0" | bc -l)")
    total=0
    again=0
    claims=0
    for w in $(seq "$workers"); do
      read -r n c r < <(python3 -c "import json;a=json.load(open('$tmp/w$w.json'))['articles'];print(a['analysed'],a['claims_made'],a['reanalysed'])")
      total=$((total + n))
      claims=$((claims + c))
      again=$((again + r))
    done
    [ "$total" = "$articles" ] || echo "  warning: $total articles analysed, not $articles" >&2
    psql -q "$psql_url" -c "DROP SCHEMA $schema CASCADE" 2>/dev/null
  done
  s=$(printf '%s\n' "${runs[@]}" | median)
  printf '%-52s %9.3f %9.0f\n' "$workers worker(s), whole corpus" "$s" "$(echo "$articles / $s" | bc -l)"
  echo "  last repetition: $total analysed, claims made for $claims, $again analysed again (cluster views changed)"
done
