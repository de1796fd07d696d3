#!/usr/bin/env bash
# Throughput of `crosscheck check` on ../shared/corpus/bbc-news-2004 with rule
# packs of 10, 100 and 1,000 facts (issue 4: 1,000 rules at least one third as
# fast as 10). The facts are generated: each takes the shape of a generic fact
# (near trigger + before/after words, a kind) with its trigger drawn from the
# 1,500 most frequent words of the corpus itself, so the triggers do fire. The
# generated packs extend nothing; the places list is loaded with them so
# subjects resolve as in real use. Median of 3 runs each, one process each.
#
# usage: scripts/bench_rules.sh
# env:   SHARED (default ../shared), CROSSCHECK (default build/crosscheck)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
bin=${CROSSCHECK:-$root/build/crosscheck}
corpus=$shared/corpus/bbc-news-2004
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$corpus" "$tmp" <<'PY'
import collections, os, re, sys
corpus, out = sys.argv[1], sys.argv[2]
words = collections.Counter()
for d, _, files in os.walk(corpus):
    for f in files:
        if f.endswith(".txt"):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", open(os.path.join(d, f), encoding="utf-8", errors="replace").read()))
vocab = [w for w, _ in words.most_common(1500)]
shapes = [
    ("count", r"after: '(?:people|members|workers|fans|jobs)\b'"),
    ("year", r"before: '\b(?:in|since)'"),
    ("money", ""),
    ("count", ""),
    ("year", ""),
    ("percent", ""),
]
for n in (10, 100, 1000):
    d = os.path.join(out, f"pack{n}")
    os.makedirs(d)
    lines = ["pack: bench%d" % n, "facts:"]
    for i in range(n):
        kind, extra = shapes[i % len(shapes)]
        lines.append(f"  - id: f{i}")
        lines.append(f"    label: fact {i} of {{subject}}")
        lines.append(f"    kind: {kind}")
        lines.append("    near: [{pattern: '\\b" + vocab[i % len(vocab)] + "\\b', subject: before}]")
        if extra:
            lines.append("    " + extra)
        lines.append("    window: 60")
        lines.append("    subject: {type: any}")
    open(os.path.join(d, "facts.yaml"), "w").write("\n".join(lines) + "\n")
PY

bytes=$(find "$corpus" -name '*.txt' -print0 | xargs -0 cat | wc -c)
printf '%-8s %10s %10s %12s %10s\n' rules seconds "MB/s" "vs 10 rules" claims
base=""
for n in 10 100 1000; do
  times=()
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    "$bin" check "$corpus" --rules "$tmp/pack$n" --rules "$root/rules/generic/places.yaml" \
      --format json --out "$tmp/report$n.json"
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  t=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 2p)
  [ -z "$base" ] && base=$t
  claims=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(sum(len(v['claims']) for f in r['facts'] for v in f['values']))" "$tmp/report$n.json")
  printf '%-8s %10.3f %10.2f %11.2fx %10s\n' "$n" "$t" "$(echo "$bytes / 1000000 / $t" | bc -l)" \
    "$(echo "$base / $t" | bc -l)" "$claims"
done
echo "(1,000 rules must run at >= 0.33x the speed of 10)"
