#!/usr/bin/env bash
# Installs the Debian 12 packages entente needs to build, test and run (README lists why each
# one was chosen). Safe to run again: only missing packages are installed.
set -euo pipefail
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libicu-dev libsqlite3-dev zlib1g-dev libdeflate-dev nlohmann-json3-dev libgumbo-dev libexpat1-dev
  libarchive-dev libigraph-dev libpq-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql iso-codes
)
# --with-browser: also Chromium, for the dashboard test in a real browser (CI installs it; the
# test skips without it).
[ "${1:-}" = "--with-browser" ] && PACKAGES+=(chromium)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
