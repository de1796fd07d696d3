#!/usr/bin/env bash
# The whole test suite again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer (gcc) into build-asan/: a memory error, a leak or
# undefined behaviour anywhere the tests reach fails the test that hit it.
# scripts/test.sh runs it after the Release suite, with the same PostgreSQL
# server (CROSSCHECK_PG_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
# -O1 -g1: a third of RelWithDebInfo's build time, still readable stacks.
flags="-O1 -g1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" -DCROSSCHECK_STATIC_DEPS=OFF >/dev/null
cmake --build build-asan --parallel "$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:check_initialization_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan --output-on-failure --timeout 600 -j "$(nproc)"
echo "sanitize: the suite passed under ASan and UBSan"
