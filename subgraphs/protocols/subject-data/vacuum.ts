import type pg from 'pg';
import type { Logger } from 'pino';

/** PostgreSQL 17 brought the MAINTAIN privilege (VACUUM and ANALYZE without owning the table). */
const MAINTAIN_SINCE = 170000;

/**
 * Whether this connection's role may VACUUM the table. PostgreSQL does not refuse a VACUUM it may
 * not run: it skips the table with a WARNING the client never sees. So it is asked first: the
 * table's owner (or a member of its role) or a superuser may on every major; on 17 or later the
 * MAINTAIN privilege (the runtime role's grant, or pg_maintain) is enough too.
 */
export async function mayVacuum(
  pool: pg.Pool,
  table: string,
): Promise<{ allowed: boolean; version: number }> {
  const { rows } = await pool.query<{ version: number; owner: boolean }>(
    `select current_setting('server_version_num')::int as version,
            pg_has_role(c.relowner, 'USAGE')
              or (select rolsuper from pg_roles where rolname = current_user) as owner
       from pg_class c where c.oid = $1::regclass`,
    [table],
  );
  const { version, owner } = rows[0]!;
  if (owner) return { allowed: true, version };
  if (version < MAINTAIN_SINCE) return { allowed: false, version };
  const maintain = await pool.query<{ allowed: boolean }>(
    `select has_table_privilege($1, 'MAINTAIN') as allowed`,
    [table],
  );
  return { allowed: maintain.rows[0]!.allowed, version };
}

/**
 * Deletion's VACUUM step, run where it may run. Where it may not (PostgreSQL before 17, or a role
 * without MAINTAIN), the dead rows are left to autovacuum: deletion is complete without it, only
 * the parents' foreign-key checks are slower. Said once per process at warn level, not per table.
 */
export function createVacuumStep() {
  const verdicts = new Map<string, boolean>();
  let refusalLogged = false;
  return async (pool: pg.Pool, table: string, logger: Logger): Promise<boolean> => {
    let allowed = verdicts.get(table);
    if (allowed === undefined) {
      const verdict = await mayVacuum(pool, table);
      allowed = verdict.allowed;
      verdicts.set(table, allowed);
      if (!allowed && !refusalLogged) {
        refusalLogged = true;
        logger.warn(
          { table, serverVersion: verdict.version },
          verdict.version < MAINTAIN_SINCE
            ? 'lifecycle: no VACUUM after deletion on PostgreSQL before 17 (no MAINTAIN privilege); autovacuum reclaims the rows'
            : 'lifecycle: no VACUUM after deletion, the role lacks MAINTAIN on the table; autovacuum reclaims the rows',
        );
      }
    }
    if (!allowed) return false;
    await pool.query(`vacuum ${table}`);
    return true;
  };
}
