#!/usr/bin/env bash
# Installs every Debian package the build and the tests need, then builds
# crosscheck in Release into build/. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config
  libre2-dev libyaml-cpp-dev libeigen3-dev libgtest-dev libgmock-dev
  libgumbo-dev nlohmann-json3-dev libcli11-dev libutf8proc-dev
  libsqlite3-dev libbenchmark-dev
  libpq-dev libssl-dev postgresql
  python3 python3-yaml
)
# node runs the peers' scoring scripts in the tests; any node >= 18 will do.
command -v node >/dev/null || packages+=(nodejs)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --parallel "$(nproc)"
echo "setup: built build/crosscheck"
