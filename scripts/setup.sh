#!/usr/bin/env bash
# Installs every Debian package the build and the tests need, the browser
# tests' npm packages (tests/browser/node_modules), then builds crosscheck in
# Release into build/. Safe to run again, and quiet when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config
  libre2-dev libyaml-cpp-dev libeigen3-dev libgtest-dev libgmock-dev
  libgumbo-dev nlohmann-json3-dev libcli11-dev libutf8proc-dev
  libsqlite3-dev libbenchmark-dev
  libpq-dev libssl-dev postgresql
  python3 python3-yaml
  chromium
)
# node runs the peers' scoring scripts and the browser tests (tests/browser/,
# playwright-core driving Debian's /usr/bin/chromium); any node >= 18 will do.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
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

# The browser tests' packages, exactly as package-lock.json pins them. The
# stamp records which lock file node_modules was installed from. playwright-core
# only: the tests use the system Chromium, no browser is downloaded.
browser_dir=tests/browser
if [ -f "$browser_dir/package.json" ]; then
  lock_sum=$(cat "$browser_dir/package.json" "$browser_dir/package-lock.json" 2>/dev/null | sha256sum | cut -d' ' -f1)
  stamp="$browser_dir/node_modules/.crosscheck-setup-stamp"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
    echo "setup: installing npm packages in $browser_dir"
    if [ -f "$browser_dir/package-lock.json" ]; then
      (cd "$browser_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    else
      (cd "$browser_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error >/dev/null)
      lock_sum=$(cat "$browser_dir/package.json" "$browser_dir/package-lock.json" | sha256sum | cut -d' ' -f1)
    fi
    echo "$lock_sum" >"$stamp"
  fi
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --parallel "$(nproc)"
echo "setup: built build/crosscheck"
