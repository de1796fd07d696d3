#!/usr/bin/env bash
# The CLI built with ThreadSanitizer (gcc) into build-tsan/, run with four
# threads (--jobs 4) over the example corpus, the test stories and, when
# ../shared is beside the repository, the Albania corpus and one BBC section,
# as a check and as store runs (a new SQLite store, then one more inbox): a
# data race in the per-article stages fails the script. scripts/test.sh runs
# it after the sanitizer suite.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=None -DCROSSCHECK_BUILD_TESTS=OFF \
  -DCMAKE_CXX_FLAGS="-O1 -g1 -fsanitize=thread" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" \
  -DCROSSCHECK_STATIC_DEPS=OFF >/dev/null
cmake --build build-tsan --parallel "$(nproc)" --target crosscheck_cli
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
bin=build-tsan/crosscheck
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
corpora=(examples/corpus tests/data/stories)
[ -d "$shared/corpus/albania-2022" ] && corpora+=("$shared/corpus/albania-2022")
[ -d "$shared/corpus/bbc-news-2004/news/tech" ] && corpora+=("$shared/corpus/bbc-news-2004/news/tech")
for c in "${corpora[@]}"; do
  "$bin" check "$c" --jobs 4 --format json --out "$tmp/check.json" ||
    { echo "tsan: check $c failed ($?)" >&2; exit 1; }
done
"$bin" run --store "$tmp/store.db" --inbox "${corpora[0]}" --jobs 4 --format json --out "$tmp/run1.json" ||
  { echo "tsan: first store run failed" >&2; exit 1; }
"$bin" run --store "$tmp/store.db" --inbox "${corpora[@]:1}" --jobs 4 --format json --out "$tmp/run2.json" ||
  { echo "tsan: second store run failed" >&2; exit 1; }
echo "tsan: no data race with --jobs 4 (${#corpora[@]} corpora, check and store runs)"
