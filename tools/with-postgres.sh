#!/usr/bin/env bash
# Runs a command with a private PostgreSQL server for the tests (issue 17), and stops the
# server however the command ends.
#
#   tools/with-postgres.sh COMMAND [ARG…]
#
# initdb makes a cluster in a temporary folder (owned by the `postgres` user and run with
# runuser when we are root: the server refuses to run as root), listening on a loopback port
# and on a socket in that folder. It loads Tests/Fixtures/warehouse/fixtures.sql and, when
# $DATA/transactions_1m.csv exists, COPYs it into the table transactions_1m. The command gets
#   ABC_PG_URL    postgres://abc:abc-test-password@127.0.0.1:PORT/abc_test (no table)
#   ABC_PG_PSQL   a psql command line for the same database (for tests that set up data)
# Password authentication on the port (scram-sha-256), trust on the socket.
set -euo pipefail
DATA=${DATA:-data}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "with-postgres: no PostgreSQL server in /usr/lib/postgresql (make deps installs it)" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/abc-pg.XXXXXX")
chmod 755 "$dir"
as_server() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$dir"
stop() {
    status=$?
    as_server "$bin/pg_ctl" -D "$dir/cluster" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    exit $status
}
trap stop EXIT
trap 'exit 130' INT TERM

as_server "$bin/initdb" -D "$dir/cluster" -U abc --auth-local=trust --auth-host=scram-sha-256 \
    --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
started=""
for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 30000))
    if as_server "$bin/pg_ctl" -D "$dir/cluster" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null 2>&1; then
        started=yes
        break
    fi
done
[ -n "$started" ] || { echo "with-postgres: the server did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }

psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U abc)
"${psql[@]}" -d postgres -c "CREATE DATABASE abc_test" -c "ALTER USER abc PASSWORD 'abc-test-password'" >/dev/null
"${psql[@]}" -d abc_test -f "$root/Tests/Fixtures/warehouse/fixtures.sql" >/dev/null
if [ -f "$DATA/transactions_1m.csv" ]; then
    "${psql[@]}" -d abc_test \
        -c "CREATE TABLE transactions_1m (customer_id text, date date, amount numeric, cost numeric)" \
        -c "\\copy transactions_1m FROM '$DATA/transactions_1m.csv' WITH (FORMAT csv, HEADER true)" \
        -c "ANALYZE transactions_1m" >/dev/null
fi

export ABC_PG_URL="postgres://abc:abc-test-password@127.0.0.1:$port/abc_test"
export ABC_PG_PSQL="psql -X -q -h $dir -p $port -U abc -d abc_test"
"$@"
