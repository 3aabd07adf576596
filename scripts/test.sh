#!/usr/bin/env bash
# The second README command: build and run the whole test suite with CTest. Tests that need
# ../shared/data skip with a message when it is absent; PostgreSQL tests run against a
# throwaway server started here when the postgresql package is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
if [ -z "${ENTENTE_PG_URL:-}" ] && [ -x /usr/lib/postgresql/15/bin/initdb ]; then
  eval "$(bash .ci/postgres.sh start)" || echo "test: PostgreSQL could not be started; its tests will skip"
  # An absolute path: the trap runs after the cd into the build folder below.
  trap "bash '$(pwd)/.ci/postgres.sh' stop >/dev/null 2>&1 || true" EXIT
fi
cd "${BUILD_DIR:-build}"
ctest --output-on-failure -j "${JOBS:-$(nproc)}" "$@"
