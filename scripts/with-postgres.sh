#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL 15 cluster: initdb in a temporary folder, started
# on a free loopback port, as the `postgres` user when run as root (PostgreSQL refuses root),
# password authentication only (scram-sha-256), stopped and removed when the command ends,
# whatever way it ends. The command finds the server in KONBIT_TEST_PG, a superuser's URL.
#
#   scripts/with-postgres.sh cargo test -p konbit-core --test office
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: PostgreSQL 15 is not installed; run scripts/setup.sh (it installs postgresql-15)" >&2
  exit 1
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  as_owner=(runuser -u postgres --)
fi

dir=$(mktemp -d /tmp/konbit-pg.XXXXXX)
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$password" > "$dir/pwfile"
[ ${#as_owner[@]} -eq 0 ] || chown -R postgres: "$dir"

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" \
  --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}

# A port nobody listens on; a start that still loses the race tries another.
started=""
for _ in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 40000))
  if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    continue
  fi
  if "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -w -t 30 -l "$dir/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=60 -c fsync=off" start >/dev/null; then
    started=yes
    break
  fi
done
if [ -z "$started" ]; then
  echo "with-postgres: the throwaway server did not start:" >&2
  cat "$dir/server.log" >&2
  exit 1
fi

export KONBIT_TEST_PG="postgresql://postgres:$password@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$port (removed at the end)"
"$@"
