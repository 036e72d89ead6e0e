# A throwaway PostgreSQL server on 127.0.0.1 at a random port, in a temporary folder (as root).
# Source this file, then:  trap pg_down EXIT; pg_up   (pg_up exports DATABASE_URL).
# Used by .ci/run (the test pass) and bench/run.sh (BENCH_DATABASE=postgres).

pg_install() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  fi
}
pg_up() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGTMP=$(mktemp -d /tmp/pgci.XXXXXX)
  export PGTMP
  chown postgres:postgres "$PGTMP"; chmod 700 "$PGTMP"
  PGPORT_CI=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PGTMP/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 30 \
    -o "-h 127.0.0.1 -p $PGPORT_CI -k $PGTMP -c fsync=off -c synchronous_commit=off" start >/dev/null
  runuser -u postgres -- psql -h "$PGTMP" -p "$PGPORT_CI" -U postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE app LOGIN PASSWORD 'app' CREATEDB" -c "CREATE DATABASE app OWNER app"
  export DATABASE_URL="postgres://app:app@127.0.0.1:$PGPORT_CI/app"
}
pg_down() {
  [ -n "${PGTMP:-}" ] && [ -d "$PGTMP/data" ] || return 0
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null || true
  rm -rf "$PGTMP"
}
