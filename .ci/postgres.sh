#!/bin/bash
# Throwaway PostgreSQL cluster for the store tests.
#
#   eval "$(bash .ci/postgres.sh)"   # start (idempotent) and export ENTENTE_PG_URL
#   bash .ci/postgres.sh stop        # stop the cluster and delete its directory
#
# Runs as root on Debian 12 with the `postgresql` package installed. The cluster lives in
# $ENTENTE_PG_DIR (default /tmp/entente-pg-<port>), is owned by the `postgres` user, listens
# only on a Unix socket in /tmp on port $ENTENTE_PG_PORT (default 55432), trusts local
# connections and runs with fsync=off: it is for tests only. Progress goes to stderr; the only
# thing written to stdout is the export line.
set -euo pipefail

PORT="${ENTENTE_PG_PORT:-55432}"
DIR="${ENTENTE_PG_DIR:-/tmp/entente-pg-$PORT}"
SOCK=/tmp
DB=entente_test
PGBIN="${PGBIN:-}"
if [ -z "$PGBIN" ]; then
  for v in 17 16 15 14 13; do
    if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then PGBIN="/usr/lib/postgresql/$v/bin"; break; fi
  done
fi
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "postgres.sh: initdb not found (apt-get install postgresql)" >&2
  exit 1
fi
if ! id postgres >/dev/null 2>&1; then
  echo "postgres.sh: no 'postgres' user (apt-get install postgresql)" >&2
  exit 1
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-start}" = stop ]; then
  if [ -f "$DIR/data/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$DIR"
  exit 0
fi

if ! as_pg "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  mkdir -p "$DIR"
  chown postgres:postgres "$DIR" 2>/dev/null || true
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    as_pg "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >&2
  fi
  as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 \
    -o "-k $SOCK -p $PORT -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >&2
fi

for _ in $(seq 1 100); do
  if pg_isready -q -h "$SOCK" -p "$PORT" -U postgres; then break; fi
  sleep 0.1
done
if ! pg_isready -q -h "$SOCK" -p "$PORT" -U postgres; then
  echo "postgres.sh: server did not become ready; see $DIR/log" >&2
  exit 1
fi

if [ "$(as_pg psql -h "$SOCK" -p "$PORT" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  as_pg createdb -h "$SOCK" -p "$PORT" -U postgres "$DB" >&2
fi

echo "export ENTENTE_PG_URL='postgresql://postgres@/$DB?host=$SOCK&port=$PORT'"
