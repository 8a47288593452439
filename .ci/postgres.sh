#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the test suite's PostgreSQL leg.
# Installs Debian's server when the machine lacks it. Prints the URL for TEST_DATABASE_URL.
set -euo pipefail
PORT="${RC_PG_PORT:-54329}"
DATA="${RC_PG_DATA:-/tmp/recovery-coach-pg}"
URL="postgresql://rc:rc@127.0.0.1:${PORT}/rc_test"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ ! -f "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown postgres: "$DATA"
  as_pg "$bin/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 >/dev/null
fi
if ! as_pg "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  as_pg "$bin/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
fi
psql="$bin/psql -h 127.0.0.1 -p $PORT -U postgres -qtA"
[ "$($psql -c "select 1 from pg_roles where rolname='rc'")" = 1 ] ||
  $psql -c "create role rc login password 'rc' createdb" >/dev/null
[ "$($psql -c "select 1 from pg_database where datname='rc_test'")" = 1 ] ||
  $psql -c "create database rc_test owner rc" >/dev/null
echo "$URL"
