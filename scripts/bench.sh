#!/usr/bin/env bash
# The benchmark suite of issue 8 ("Fast at every size"), in one command. It
# prints one table (and writes it to build-bench/bench-table.txt, and as JSON
# to build-bench/bench-table.json):
#
#   STAGES      tests/bench/pipeline_benchmark.cc (Google Benchmark): each
#               stage of the check pipeline, one thread, over the corpus in
#               memory; MB/s of article input, articles/s, share of the sum,
#               and the bound Amdahl's law puts on two threads.
#   END TO END  `crosscheck check CORPUS --format json --out FILE --jobs J`,
#               J = 1 and 2, whole processes, alternating, median of --repeat
#               runs: wall and CPU seconds, MB/s, articles/s, peak RSS, the
#               2-thread speedup; every report must be byte-identical.
#   SCALING     the same at 10x and 100x the corpus: scripts/bench/
#               make_corpus.py writes the corpus replicated with variations
#               (each replica article rebuilt from other articles' sentences,
#               people and places renamed, numbers changed: see its header)
#               into a temporary folder removed at exit; time / size against
#               1x ("t/size", <= 1.2 wanted; 1x runs again after each size and
#               its median pools all its runs), peak RSS against 1x, report size,
#               copies found. Without --quick, the stage benchmark runs over
#               each scaled corpus up to 100 MB too (one repetition), to show
#               which stage grows faster than the corpus.
#   ACCEPTANCE  issue 8's figures, pass or FAIL, from this run.
#   VALUES      (not with --quick) scripts/bench_values.sh: `crosscheck
#   RULES       values` against chrono-node; scripts/bench_rules.sh: 10, 100
#               and 1,000 rules on the BBC corpus.
#
# It builds what it needs in build-bench/ (Release, benchmarks on): the CLI
# and pipeline_benchmark, from the working tree. build/ is not touched.
#
# usage: bash scripts/bench.sh [--quick] [--scale 1,10,100] [--repeat N] [--repeat-large N]
#   --quick          1 repeat, 1x and 10x only (a look in a few minutes)
#   --scale LIST     sizes to run, in multiples of the corpus (default 1,10,100;
#                    1x, the corpus itself, always runs: it is the base)
#   --repeat N       runs per --jobs at each size (default 3; median time)
#   --repeat-large N runs per --jobs at sizes over 100 MB (default 1)
# env: SHARED (default ../shared), CROSSCHECK_BENCH_CORPUS (default
#      $SHARED/corpus/bbc-news-2004; scaling needs its news/<category>/*.txt
#      layout), CROSSCHECK (a CLI to time instead of build-bench/crosscheck),
#      TMPDIR (where the scaled corpora go; 100x needs about 2.5 GB free).
# Exit status: 0 done, 1 reports differed or a run failed, 2 bad usage or build.
#
# The machine's other jobs make the figures noisy; the table says the load.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
here=$root/scripts/bench
shared=${SHARED:-$root/../shared}
corpus=${CROSSCHECK_BENCH_CORPUS:-$shared/corpus/bbc-news-2004}
bdir=$root/build-bench

usage() { sed -n '/^# usage:/,/^# Exit status/s/^# \{0,1\}//p' "$0"; }
die() { echo "bench: $*" >&2; exit 2; }

quick=0 scales="" repeat="" repeat_large=1
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --scale) [ $# -ge 2 ] || die "--scale needs a list"; scales=$2; shift ;;
    --scale=*) scales=${1#*=} ;;
    --repeat) [ $# -ge 2 ] || die "--repeat needs a number"; repeat=$2; shift ;;
    --repeat=*) repeat=${1#*=} ;;
    --repeat-large) [ $# -ge 2 ] || die "--repeat-large needs a number"; repeat_large=$2; shift ;;
    --repeat-large=*) repeat_large=${1#*=} ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done
if [ "$quick" = 1 ]; then
  scales=${scales:-1,10}
  repeat=${repeat:-1}
fi
scales=${scales:-1,10,100}
repeat=${repeat:-3}
[[ $repeat =~ ^[1-9][0-9]*$ ]] || die "--repeat: a positive number, not '$repeat'"
[[ $repeat_large =~ ^[1-9][0-9]*$ ]] || die "--repeat-large: a positive number, not '$repeat_large'"
[[ $scales =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--scale: a list such as 1,10,100, not '$scales'"
[ -d "$corpus" ] || die "no corpus at $corpus (set CROSSCHECK_BENCH_CORPUS or SHARED)"
for tool in cmake ninja python3 cmp df; do
  command -v "$tool" >/dev/null || die "$tool is missing (scripts/setup.sh installs it)"
done

SECONDS=0
load_start=$(cut -d' ' -f1 /proc/loadavg)

# Build: the CLI and the stage benchmark, Release, in build-bench/.
mkdir -p "$bdir"
echo "bench: building in build-bench/ (log: build-bench/bench-build.log)" >&2
if ! { cmake -S "$root" -B "$bdir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
         -DCROSSCHECK_BUILD_TESTS=OFF -DCROSSCHECK_BUILD_BENCHMARKS=ON &&
       cmake --build "$bdir" --target crosscheck_cli pipeline_benchmark; } \
     >"$bdir/bench-build.log" 2>&1; then
  tail -n 30 "$bdir/bench-build.log" >&2
  die "the build failed"
fi
bin=${CROSSCHECK:-$bdir/crosscheck}
[ -x "$bin" ] || die "no CLI at $bin"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crosscheck-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
results=$tmp/results.jsonl
: >"$results"
notes=""
failed=0
stages_scaled=()
note() { notes+="$*"$'\n'; echo "bench: $*" >&2; }

# What ingest reads: article files (not license files and the like).
input_bytes() {
  python3 - "$1" <<'PY'
import os, sys
exts = (".txt", ".md", ".html", ".htm", ".jsonl")
print(sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(sys.argv[1])
          for f in fs if f.lower().endswith(exts) and not f.startswith(".")))
PY
}

# One size: time `check` with --jobs 1 and 2. Returns run_check.py's status.
measure() {  # label path bytes repeat
  local rc=0
  python3 "$here/run_check.py" --bin "$bin" --path "$2" --label "$1" --jobs 1,2 \
    --repeat "$4" --bytes "$3" --work "$tmp/work" --result "$results" \
    --keep-dir "$bdir/bench-mismatch" || rc=$?
  case $rc in
    0) ;;
    1) failed=1; note "$1: the reports of --jobs 1 and --jobs 2 (or of two runs) differ" ;;
    *) failed=1; note "$1: crosscheck check failed (command and stderr above)" ;;
  esac
  return $rc
}

# Stages, single thread, in process.
echo "bench: stages (pipeline_benchmark) over $corpus" >&2
stage_flags=(--benchmark_out="$tmp/stages.json" --benchmark_out_format=json)
[ "$repeat" -gt 1 ] && stage_flags+=(--benchmark_repetitions="$repeat"
                                     --benchmark_report_aggregates_only=true)
if ! CROSSCHECK_BENCH_CORPUS=$corpus "$bdir/pipeline_benchmark" "${stage_flags[@]}" >&2; then
  failed=1
  note "pipeline_benchmark failed"
fi

# End to end on the corpus itself: the 1x of the scaling too.
bytes1=$(input_bytes "$corpus")
measure 1x "$corpus" "$bytes1" "$repeat" || true
base_ok=$(grep -c '"label": "1x"' "$results" || true)

# Scaling.
IFS=, read -r -a sizes <<<"$scales"
for k in "${sizes[@]}"; do
  [ "$k" -gt 1 ] || continue
  if [ "$base_ok" = 0 ]; then
    note "${k}x skipped: no 1x figures to compare with"
    continue
  fi
  if [ ! -d "$corpus/news" ]; then
    note "${k}x skipped: $corpus has no news/<category>/ folders to replicate"
    continue
  fi
  # Disk: the corpus, two reports at a time (kept one and the one compared), margin.
  read -r need_disk need_mem <<<"$(python3 - "$results" "$k" "$bytes1" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
k, bytes1 = int(sys.argv[2]), int(sys.argv[3])
report1 = max(r["report_bytes"] for r in rows if r["label"] == "1x")
# Memory: the largest size measured so far, scaled linearly to k.
big = max(rows, key=lambda r: r["bytes"])
print(int(k * bytes1 * 1.05 + 2 * k * report1 * 1.2 + (256 << 20)),
      int(big["rss_kib"] * 1024 * k * bytes1 / big["bytes"]))
PY
)"
  free_disk=$(df --output=avail -B1 "$tmp" | tail -n 1 | tr -d ' ')
  if [ "$free_disk" -lt "$need_disk" ]; then
    note "${k}x skipped: it needs about $((need_disk >> 20)) MiB free in $tmp," \
         "there are $((free_disk >> 20)) MiB"
    continue
  fi
  free_mem=$(( $(awk '/^MemAvailable:/ {print $2}' /proc/meminfo) * 1024 ))
  if [ "$need_mem" -gt $((free_mem * 9 / 10)) ]; then
    note "${k}x skipped: its peak RSS would be about $((need_mem >> 20)) MiB" \
         "(linear from the largest size run), $((free_mem >> 20)) MiB available"
    continue
  fi
  echo "bench: writing the ${k}x corpus into $tmp/x$k" >&2
  if ! made=$(python3 "$here/make_corpus.py" "$corpus" "$tmp/x$k" --replicas "$k"); then
    failed=1
    note "${k}x skipped: make_corpus.py failed"
    rm -rf "$tmp/x$k"
    continue
  fi
  echo "bench: ${k}x corpus: $made" >&2
  # The corpus just written is written back before any timing: otherwise the
  # kernel flushes it (670 MiB dirty at 100x) during the first run measured.
  sync
  bytes=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["bytes"])' "$made")
  runs=$repeat
  [ "$bytes" -gt 100000000 ] && runs=$repeat_large
  measure "${k}x" "$tmp/x$k" "$bytes" "$runs" || true
  # 1x again: each t/size then divides by the median of 1x runs from before
  # and after the larger sizes. This machine's speed drifts over minutes
  # (1x with two threads took 0.36 s in one bench run, 0.24-0.26 s in
  # others), and a slow moment in the few 1x runs skewed every ratio.
  measure 1x "$corpus" "$bytes1" "$repeat" || true
  if [ "$quick" = 0 ] && [ "$bytes" -le 100000000 ]; then
    echo "bench: stages (pipeline_benchmark) over the ${k}x corpus" >&2
    if CROSSCHECK_BENCH_CORPUS=$tmp/x$k "$bdir/pipeline_benchmark" \
         --benchmark_filter=-BM_CheckInProcess --benchmark_min_time=0.1 \
         --benchmark_out="$tmp/stages-x$k.json" --benchmark_out_format=json >&2; then
      stages_scaled+=(--stages-scaled "${k}x=$tmp/stages-x$k.json")
    else
      note "pipeline_benchmark over the ${k}x corpus failed"
    fi
  fi
  rm -rf "$tmp/x$k" "$tmp/work"
done

python3 "$here/table.py" --root "$root" --corpus "$corpus" --stages "$tmp/stages.json" \
  "${stages_scaled[@]}" --results "$results" --notes "$notes" --load-start "$load_start" --seconds "$SECONDS" \
  --txt "$bdir/bench-table.txt" --json "$bdir/bench-table.json"

# Issue 8's acceptance 3 (values against chrono-node) and 4 (1,000 rules
# against 10) have scripts of their own; without --quick their tables follow
# (and are appended to build-bench/bench-table.txt).
if [ "$quick" = 0 ]; then
  for extra in bench_values bench_rules; do
    echo "bench: scripts/$extra.sh" >&2
    if out=$(CROSSCHECK=$bin SHARED=$shared bash "$root/scripts/$extra.sh" 2>"$tmp/$extra.err"); then
      printf '\n%s (scripts/%s.sh)\n%s\n' "$(tr a-z A-Z <<<"${extra#bench_}")" "$extra" "$out" |
        tee -a "$bdir/bench-table.txt"
    else
      failed=1
      tail -n 20 "$tmp/$extra.err" >&2
      echo "bench: scripts/$extra.sh failed" >&2
    fi
  done
fi
if [ "$failed" != 0 ]; then
  echo "bench: FAILED: see the notes above and stderr" >&2
  exit 1
fi
