#!/usr/bin/env bash
# Throughput of `crosscheck values` against chrono-node, on the same 5 MiB
# news-like text, in one run of this script (issue 3, acceptance 4).
#
# chrono-node is run alone in its own process by ../shared/peers/throughput.js
# (one paragraph per call, models built before timing). Ours is the whole
# command, wall clock, single thread: process start, reading the file,
# normalising each paragraph and writing JSON lines all count. The figure is
# the median of 5 runs. Figures are ratios measured in the same run: these
# machines are shared and noisy.
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

bytes=$(stat -c %s "$tmp/news.txt")
times=()
for _ in 1 2 3 4 5; do
  start=$(date +%s.%N)
  "$bin" values --text --reference 2022-09-23 <"$tmp/news.txt" >"$tmp/ours.jsonl"
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc -l)")
done
median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 3p)
values=$(grep -o '"kind"' "$tmp/ours.jsonl" | wc -l)

python3 - "$tmp/chrono.json" "$bytes" "$median" "$values" <<'PY'
import json, sys
chrono = json.load(open(sys.argv[1]))["results"][0]
size, secs, values = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
ours = size / 1e6 / secs
print(f"corpus: {size} bytes (../shared/peers/throughput.js, seed 12345)")
print(f"{'normaliser':28} {'MB/s':>8} {'seconds':>8} {'values':>8}")
print(f"{'chrono-node (alone)':28} {chrono['MBps']:8.2f} {chrono['seconds']:8.2f} {chrono['entities']:8d}")
print(f"{'crosscheck values --text':28} {ours:8.2f} {secs:8.2f} {values:8d}")
print(f"ratio crosscheck / chrono-node: {ours / chrono['MBps']:.1f}x (target >= 15x)")
PY
