#!/usr/bin/env bash
# Backup throughput, restore time (RTO) and backup age (RPO) on a throwaway PostgreSQL 15 with
# ROWS sign-in attempts (Steward's widest high-volume table) beside a migrated, empty Steward:
#   bash scripts/ci/postgres15.sh bash bench/backup-restore.sh [ROWS]   (default 1000000)
# Prints npm run backup's and npm run restore-drill's JSON lines (docs/PERFORMANCE.md).
set -euo pipefail
rows="${1:-1000000}"
psql="${PG15_BIN:-/usr/lib/postgresql/15/bin}/psql"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export STEWARD_DATA_DIR="$work" STEWARD_BLOB_DIR="$work/blobs" LOG_LEVEL=warn
node scripts/migrate.ts >/dev/null
"$psql" -q "$DATABASE_URL" -c "insert into identity.sign_in_attempts
  (id, email, method, outcome, ip, user_agent, device_type, occurred_at)
  select gen_random_uuid(), 'person' || i || '@example.com', 'PASSWORD', 'FAILURE',
    '203.0.113.' || (i % 250), 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0',
    'DESKTOP', now() - (i || ' seconds')::interval
  from generate_series(1, $rows) i"
"$psql" -q "$DATABASE_URL" -c "vacuum analyze identity.sign_in_attempts"
echo "rows: $rows; database: $("$psql" -tA "$DATABASE_URL" -c "select pg_size_pretty(pg_database_size(current_database()))")"
node scripts/backup.ts
node scripts/restore-drill.ts
