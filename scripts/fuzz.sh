#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/*_fuzzer.cc) with clang, ASan and
# UBSan in build-fuzz/, and runs each for SECONDS (default 60), one after
# another, from seeds made of the repository's inputs (examples/corpus/,
# tests/data/, rules/) plus tests/fuzz/corpus/<name>/, the inputs found by
# fuzzing, which every run replays first.
#
# A finding (crash, ASan or UBSan report, leak, a unit slower than 10 s, more
# than 2 GB RSS) leaves its input in build-fuzz/crashes/ and makes the script
# exit 1 once every target has run. Add each such input to
# tests/fuzz/corpus/<name>/ and a regression test beside the code it hit.
#
# Prints one summary line per target to stderr and at the end a figures
# table (also written to build-fuzz/figures.txt). Everything it writes is in
# build-fuzz/ (ignored by git).
#
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (TARGET: article_fuzzer, ...)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
case "$seconds" in '' | *[!0-9]*) echo "fuzz: SECONDS must be a number, not '$seconds'" >&2; exit 2 ;; esac

# Debian 12: clang is clang-14, libclang-rt-dev pulls libclang-rt-14-dev
# (libclang_rt.fuzzer and the sanitizer runtimes).
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "fuzz: installing clang libclang-rt-dev" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq clang libclang-rt-dev >/dev/null
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in tests/fuzz/*_fuzzer.cc; do targets+=("$(basename "$f" .cc)"); done
fi
for t in "${targets[@]}"; do
  [ -f "tests/fuzz/$t.cc" ] || { echo "fuzz: no target $t (tests/fuzz/$t.cc)" >&2; exit 2; }
done

CXX=clang++ CC=clang cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCROSSCHECK_BUILD_TESTS=OFF -DCROSSCHECK_BUILD_FUZZERS=ON -DCROSSCHECK_STATIC_DEPS=OFF >/dev/null
echo "fuzz: building ${targets[*]} in build-fuzz/ (log: build-fuzz/build.log)" >&2
cmake --build build-fuzz --parallel "$(nproc)" --target "${targets[@]}" >build-fuzz/build.log 2>&1 || {
  tail -40 build-fuzz/build.log >&2
  echo "fuzz: build failed (build-fuzz/build.log)" >&2
  exit 2
}

# Seeds, made afresh each run. The article target reads a format byte first
# (0 txt, 1 md, 2 html); the normalizer target three bytes of reference date
# ("z\x07\x0f": 2022-07-15).
seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds"/{article,extract,jsonl,manifest,normalizer,rules}
article_seed() {  # FORMAT_BYTE FILE NAME
  { printf "$1"; cat "$2"; } >"$seeds/article/$3"
}
for f in examples/corpus/* tests/data/stories/*/* tests/browser/hostile/*; do
  [ -f "$f" ] || continue
  name=$(basename "$(dirname "$f")")-$(basename "$f")
  case "$f" in
    *.txt)
      article_seed '\x00' "$f" "$name"
      { printf 'z\x07\x0f'; cat "$f"; } >"$seeds/normalizer/$name" ;;
    *.md) article_seed '\x01' "$f" "$name" ;;
    *.html) article_seed '\x02' "$f" "$name" ;;
    *.jsonl) cp "$f" "$seeds/jsonl/$name" ;;
    */sources.yaml) cp "$f" "$seeds/manifest/$name" ;;
  esac
done
for f in rules/*/*.yaml; do cp "$f" "$seeds/rules/$(basename "$(dirname "$f")")-$(basename "$f")"; done
# Extracts: the rows a store run of the example corpus saves (needs the
# Release build/crosscheck that setup.sh makes; without it the extract target
# starts from its own corpus only).
if [ -x build/crosscheck ]; then
  db=$seeds/extract.db
  if build/crosscheck run --store "$db" --inbox examples/corpus tests/data/stories >/dev/null 2>&1 ||
     [ -f "$db" ]; then
    python3 - "$db" "$seeds/extract" <<'EOF' || echo "fuzz: no extract seeds (python3 sqlite3)" >&2
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for article_id, data in db.execute("SELECT article_id, data FROM extracts"):
    with open(f"{sys.argv[2]}/{article_id}", "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
EOF
  fi
  rm -f "$db"*
fi

# UBSan reports are recoverable in this build: halt on the first, so that it
# counts as a finding and libFuzzer saves the input. The rules target writes
# its scratch file to TMPDIR.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:report_error_type=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export TMPDIR=$PWD/build-fuzz/tmp
mkdir -p build-fuzz/crashes "$TMPDIR"
figures=build-fuzz/figures.txt
printf '%-18s %7s %12s %8s %6s %7s %12s %8s  %s\n' \
  target seconds executions exec/s cov ft corpus rss_mb result >"$figures"
status=0
for t in "${targets[@]}"; do
  name=${t%_fuzzer}
  work=build-fuzz/corpus/$name
  log=build-fuzz/$t.log
  mkdir -p "$work" "$seeds/$name"
  # New units go to the first folder only (build-fuzz/corpus/<name>).
  dirs=("$work" "$seeds/$name")
  [ -d "tests/fuzz/corpus/$name" ] && dirs+=("tests/fuzz/corpus/$name")
  echo "fuzz: $t for ${seconds}s" >&2
  result=ok
  if ! build-fuzz/"$t" "${dirs[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -artifact_prefix=build-fuzz/crashes/"$name"- -print_final_stats=1 \
       </dev/null >"$log" 2>&1; then
    status=1
    result=FINDING
  fi
  final_stat() { sed -n "s/^stat::$1: *\([0-9]*\).*/\1/p" "$log" | tail -1; }
  execs=$(final_stat number_of_executed_units)
  rate=$(final_stat average_exec_per_sec)
  rss=$(final_stat peak_rss_mb)
  last=$(grep -E '^#[0-9]+.* cov: ' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$last")
  if [ "$result" != ok ]; then
    # Without final stats (a crash), the last status line holds the count.
    [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$last")
    what=$(grep -m1 -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|ALARM|==[0-9]+== ERROR: libFuzzer)' "$log" || true)
    echo "fuzz: $t FOUND: ${what:-see log} (build-fuzz/$t.log, build-fuzz/crashes/$name-*)" >&2
  fi
  printf '%-18s %7s %12s %8s %6s %7s %12s %8s  %s\n' "$t" "$seconds" "${execs:-?}" "${rate:-?}" \
    "${cov:-?}" "${ft:-?}" "${corp:-?}" "${rss:-?}" "$result" | tee -a "$figures" |
    sed 's/^/fuzz: /' >&2
done
echo "fuzz: figures (build-fuzz/figures.txt):" >&2
cat "$figures" >&2
exit $status
