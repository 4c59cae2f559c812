import type { EntityManager } from '@mikro-orm/postgresql';
import type { SystemEventInput } from './system-chain.repository.ts';

/** The event triggers' capture table (scripts/lib/database-audit.ts installs it, as a superuser). */
export const CAPTURE_TABLE = 'steward_db_audit.captures';

interface CaptureRow {
  id: string;
  captured_at: Date | string;
  event: string;
  command_tag: string;
  objects: unknown;
  session_user_name: string;
  application_name: string | null;
  client_addr: string | null;
  backend_pid: number;
  transaction_id: string;
  migration: string | null;
  statement: string | null;
}

/** Steward's migration roles (platform/database.ts rolesOf): only their DDL may be a migration's. */
const OWNER_ROLE = /^steward_[a-z]+_owner$/;

/**
 * Moves what the event triggers captured into system events, oldest first, deleting the captures
 * in the same transaction as the append: each capture lands in the chain exactly once. Answers
 * the events to append; `null` when the capture table is not installed.
 */
export async function takeCaptures(em: EntityManager, limit: number): Promise<SystemEventInput[] | null> {
  const [table] = await em.execute<{ present: boolean }[]>(
    `select to_regclass('${CAPTURE_TABLE}') is not null as present`,
  );
  if (!table?.present) return null;
  const rows = await em.execute<CaptureRow[]>(
    `delete from ${CAPTURE_TABLE} where id in (select id from ${CAPTURE_TABLE} order by id limit ?)
      returning *`,
    [limit],
  );
  return rows
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((row) => {
      // Owner roles connect only to migrate: their DDL is Steward's migrator's (the migration's
      // name, or null for the migrator's own bookkeeping table).
      const byMigration = OWNER_ROLE.test(row.session_user_name);
      return {
        source: byMigration ? 'MIGRATION' : 'DATABASE',
        action: row.event === 'sql_drop' ? 'database.drop' : `database.${kindOf(row.command_tag)}`,
        actor: row.session_user_name,
        occurredAt: row.captured_at,
        metadata: {
          commandTag: row.command_tag,
          objects: typeof row.objects === 'string' ? (JSON.parse(row.objects) as unknown) : row.objects,
          sessionUser: row.session_user_name,
          applicationName: row.application_name,
          clientAddress: row.client_addr,
          backendPid: row.backend_pid,
          transactionId: row.transaction_id,
          // Set by anyone who sets `steward.migration`; trusted only from a Steward owner role.
          migration: byMigration ? row.migration : null,
          claimedMigration: byMigration ? null : row.migration,
          statement: row.statement,
        },
      };
    });
}

/** `GRANT`/`REVOKE` are privilege changes; everything else captured at command end is DDL. */
const kindOf = (tag: string) => (tag === 'GRANT' || tag === 'REVOKE' ? 'privilege' : 'ddl');
