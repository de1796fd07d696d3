#!/usr/bin/env bash
# Throughput of `crosscheck values` against chrono-node, on the same 5 MiB
# news-like text, in one run of this script (issue 3, acceptance 4).
#
# chrono-node is run alone in its own process by ../shared/peers/throughput.js
# (one paragraph per call, models built before timing). Ours is measured two
# ways, single thread: the stage as the peer is measured (Normalizer::Extract
# in process, one paragraph per call, Google Benchmark median of 5:
# tests/bench/normalizer_benchmark.cc), and the whole command (wall clock,
# median of 5: process start, reading the file, normalising each paragraph and
# writing JSON lines all count). Figures are ratios measured in the same run:
# these machines are shared and noisy.
#
# usage: scripts/bench_values.sh [--mib 5]
# env:   SHARED (default ../shared), PEERS_DIR (default /tmp/peers; chrono-node
#        is installed there from npm when missing), CROSSCHECK (default build/crosscheck)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
peers=${PEERS_DIR:-/tmp/peers}
bin=${CROSSCHECK:-$root/build/crosscheck}
mib=5
[ "${1:-}" = "--mib" ] && mib=$2

if [ ! -d "$peers/node_modules/chrono-node" ]; then
  echo "bench: installing the peers into $peers (npm)" >&2
  mkdir -p "$peers"
  cp "$shared/peers/package.json" "$peers/"
  (cd "$peers" && npm install --no-audit --no-fund >/dev/null)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

TZ=UTC PEERS_DIR="$peers" node "$shared/peers/throughput.js" --mib "$mib" --peers chrono \
  --write-corpus "$tmp/news.txt" --json "$tmp/chrono.json" >&2

# The stage alone, measured as throughput.js measures the peer: in process,
# one paragraph per call, no I/O (Google Benchmark, tests/bench/).
cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCROSSCHECK_BUILD_TESTS=OFF -DCROSSCHECK_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$root/build-bench" --target normalizer_benchmark >/dev/null
CROSSCHECK_BENCH_TEXT="$tmp/news.txt" "$root/build-bench/normalizer_benchmark" \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_format=json >"$tmp/stage.json"

bytes=$(stat -c %s "$tmp/news.txt")
# Wall clock of the whole command, median of 5, timed by one Python process
# around each spawn (no date/bc processes inside the timed span).
median=$(python3 - "$bin" "$tmp/news.txt" "$tmp/ours.jsonl" <<'PY'
import subprocess, sys, time
binary, text, out = sys.argv[1:4]
times = []
for _ in range(5):
    with open(text, "rb") as stdin, open(out, "wb") as stdout:
        start = time.perf_counter()
        subprocess.run([binary, "values", "--text", "--reference", "2022-09-23"],
                       stdin=stdin, stdout=stdout, check=True)
        times.append(time.perf_counter() - start)
print(sorted(times)[2])
PY
)
values=$(grep -o '"kind"' "$tmp/ours.jsonl" | wc -l)

python3 - "$tmp/chrono.json" "$bytes" "$median" "$values" "$tmp/stage.json" <<'PY'
import json, sys
chrono = json.load(open(sys.argv[1]))["results"][0]
size, secs, values = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
stage = [b for b in json.load(open(sys.argv[5]))["benchmarks"] if b.get("aggregate_name") == "median"][0]
stage_mbps = stage["bytes_per_second"] / 1e6
ours = size / 1e6 / secs
print(f"corpus: {size} bytes (../shared/peers/throughput.js, seed 12345)")
print(f"{'normaliser':44} {'MB/s':>8} {'values':>8}")
print(f"{'chrono-node (alone, in process, per paragraph)':44} {chrono['MBps']:8.2f} {chrono['entities']:8d}")
print(f"{'crosscheck Extract (in process, per paragraph)':44} {stage_mbps:8.2f} {int(stage['values']):8d}")
print(f"{'crosscheck values --text (whole command)':44} {ours:8.2f} {values:8d}")
print(f"ratio, stage as the peer is measured: {stage_mbps / chrono['MBps']:.1f}x; "
      f"whole command: {ours / chrono['MBps']:.1f}x (target >= 15x)")
PY
