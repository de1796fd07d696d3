#!/usr/bin/env bash
# Builds (via setup.sh) and runs the whole test suite with ctest, then again
# under ASan and UBSan (scripts/sanitize.sh), then each libFuzzer target for
# 20 s (scripts/fuzz.sh) and the CLI with --jobs 4 under ThreadSanitizer
# (scripts/tsan.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The PostgreSQL store tests need a server: a throwaway cluster, removed on
# exit (they skip themselves when CROSSCHECK_PG_URL is unset).
pg_dir=$(mktemp -d)
trap 'bash scripts/pg_cluster.sh stop "$pg_dir" || true' EXIT
CROSSCHECK_PG_URL=$(bash scripts/pg_cluster.sh start "$pg_dir")
export CROSSCHECK_PG_URL
ctest --test-dir build --output-on-failure --timeout 300 -j "$(nproc)"
bash scripts/sanitize.sh
bash scripts/fuzz.sh 20
bash scripts/tsan.sh
