#!/usr/bin/env bash
# The first README command: install what is missing, build, and run the main job on the
# bundled demo corpus with the embedded SQLite store (demo.db), then summarise.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
rm -f demo.db demo.db-wal demo.db-shm
echo
echo "== entente ingest corpus/demo --db demo.db"
build/entente ingest corpus/demo --db demo.db
echo
echo "== entente group --db demo.db   (repeated reports of one event become one event)"
build/entente group --db demo.db
echo
echo "== entente stats --db demo.db"
build/entente stats --db demo.db
echo
echo "== entente events --db demo.db --dyad PRK,RUS --limit 12"
build/entente events --db demo.db --dyad PRK,RUS --limit 12
echo
echo "== entente brief --db demo.db"
build/entente brief --db demo.db
