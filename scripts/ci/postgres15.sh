#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster: DATABASE_URL points at it while the
# command runs, and the cluster and its folder are gone when this script exits, whatever happens.
#   scripts/ci/postgres15.sh npm test
# PostgreSQL 15 is the oldest major Steward supports (README, "Supported PostgreSQL"); Debian's
# package provides it. PostgreSQL refuses to run as root, so as root the cluster runs as the
# `postgres` system user (created when missing).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

bin="${PG15_BIN:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$bin/pg_ctl" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "postgres15: $bin/pg_ctl is missing; install Debian's postgresql-15 (as root)" >&2
    exit 1
  fi
  echo "postgres15: installing Debian's postgresql-15"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  as_owner=(runuser -u postgres --)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/steward-pg15.XXXXXX")
chmod 0755 "$dir"
[ "${#as_owner[@]}" -eq 0 ] || chown postgres "$dir"

stop_cluster() {
  local status=$?
  if [ -f "$dir/data/postmaster.pid" ]; then
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 ||
      "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit "$status"
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free port: nothing answers on it now.
port=""
for _ in $(seq 1 50); do
  candidate=$((50000 + RANDOM % 10000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    port=$candidate
    break
  fi
done
[ -n "$port" ] || { echo "postgres15: no free port found" >&2; exit 1; }

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
# A test cluster: durability off (it is thrown away), the socket in its own folder, and room for
# the test stacks' connections (test/support/global-setup.ts says why).
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null ||
  { cat "$dir/postgres.log" >&2; exit 1; }
version=$("${as_owner[@]}" "$bin/postgres" --version)
echo "postgres15: $version on 127.0.0.1:$port"

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
"$@"
