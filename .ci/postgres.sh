# Source this file: starts a throw-away PostgreSQL server on 127.0.0.1 for the store tests and
# exports ENTITYLIST_TEST_POSTGRES_URL. The server is stopped when the sourcing shell exits.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_port=${ENTITYLIST_TEST_POSTGRES_PORT:-54329}
pg_dir=$(mktemp -d -t entitylist-pg.XXXXXX)
chown postgres:postgres "$pg_dir"
run_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
run_pg "'$pg_bin/initdb' -D '$pg_dir/data' --auth=trust --username=postgres --encoding=UTF8 >'$pg_dir/initdb.log'"
run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/server.log' -w -o \"-p $pg_port -k '$pg_dir' -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null"
run_pg "'$pg_bin/createdb' -h 127.0.0.1 -p $pg_port -U postgres entitylist_test"
export ENTITYLIST_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$pg_port/entitylist_test"
trap "run_pg \"'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop\" >/dev/null 2>&1 || true; rm -rf '$pg_dir'" EXIT
