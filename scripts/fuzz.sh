#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/*_fuzzer.cc) with clang, ASan and
# UBSan, and runs each for SECONDS (default 60) from seeds made of the
# example corpus and the rule packs, plus tests/fuzz/corpus/<name>/. A crash leaves its input in build-fuzz/crashes/
# and fails the script; add every such input to the seed corpus and a
# regression test.
#
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq clang libclang-rt-dev >/dev/null
fi
CXX=clang++ CC=clang cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCROSSCHECK_BUILD_TESTS=OFF -DCROSSCHECK_BUILD_FUZZERS=ON >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in tests/fuzz/*_fuzzer.cc; do targets+=("$(basename "$f" .cc)"); done
fi
cmake --build build-fuzz --target "${targets[@]}"
mkdir -p build-fuzz/crashes
# Seeds from the repository's own inputs (the article target reads a format
# byte first: 0 txt, 1 md, 2 html); tests/fuzz/corpus/<name>/ holds only the
# inputs found by fuzzing or written for it.
seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds"/{article,jsonl,manifest,rules,normalizer}
for f in examples/corpus/*; do
  case "$f" in
    *.txt) { printf '\x00'; cat "$f"; } >"$seeds/article/$(basename "$f")" ;;
    *.md) { printf '\x01'; cat "$f"; } >"$seeds/article/$(basename "$f")" ;;
    *.html) { printf '\x02'; cat "$f"; } >"$seeds/article/$(basename "$f")" ;;
    *.jsonl) cp "$f" "$seeds/jsonl/" ;;
    *.yaml) cp "$f" "$seeds/manifest/" ;;
  esac
done
for f in rules/*/*.yaml; do cp "$f" "$seeds/rules/$(basename "$(dirname "$f")")-$(basename "$f")"; done
# Extracts: the rows a store run of the example corpus saves.
mkdir -p "$seeds/extract"
if [ -x build/crosscheck ] && command -v sqlite3 >/dev/null; then
  rm -f "$seeds/extract.db"
  build/crosscheck run --store "$seeds/extract.db" --inbox examples/corpus >/dev/null 2>&1 || true
  sqlite3 "$seeds/extract.db" \
    "SELECT writefile('$seeds/extract/' || article_id, data) FROM extracts" >/dev/null || true
  rm -f "$seeds/extract.db"*
fi
status=0
for t in "${targets[@]}"; do
  name=${t%_fuzzer}
  work=build-fuzz/corpus/$name
  mkdir -p "$work" "$seeds/$name"
  dirs=("$work" "$seeds/$name")
  [ -d "tests/fuzz/corpus/$name" ] && dirs+=("tests/fuzz/corpus/$name")
  echo "fuzz: $t for ${seconds}s" >&2
  if ! build-fuzz/"$t" "${dirs[@]}" -max_total_time="$seconds" \
       -max_len=65536 -artifact_prefix=build-fuzz/crashes/"$name"- -print_final_stats=1 \
       2>build-fuzz/"$t".log; then
    status=1
    echo "fuzz: $t FOUND A CRASH (build-fuzz/$t.log, build-fuzz/crashes/)" >&2
  fi
  grep -E "stat::number_of_executed_units|cov:|stat::peak_rss_mb" build-fuzz/"$t".log | tail -3 >&2
done
exit $status
