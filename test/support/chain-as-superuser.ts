import type pg from 'pg';
import { chainWalk, type ChainBreak } from '../../subgraphs/audit/src/chain/chain-walk.ts';
import { hashAuditEvent } from '../../subgraphs/audit/src/event/audit-hash.ts';
import {
  scanEvents,
  type EventQuery,
  type StoredAuditEvent,
} from '../../subgraphs/audit/src/event/event-scan.ts';

/** The audit subgraph's reads (`?` placeholders) on a superuser connection: no RLS, no tenant needed. */
export const superuserQuery =
  (db: pg.Client): EventQuery =>
  async <T extends object>(sql: string, params: unknown[]) => {
    let n = 0;
    const { rows } = await db.query<T & pg.QueryResultRow>(
      sql.replace(/\?/g, () => `$${++n}`),
      params,
    );
    return rows;
  };

/**
 * Recomputes an organization's chain from sequence 1 to its recorded head with the subgraph's own
 * walk, as superuser: what `auditChain` checks, for an organization no one may query any more (a
 * deleted one, whose events are retained). No checkpoint: for chains nothing was purged from.
 */
export async function verifyChainAsSuperuser(
  db: pg.Client,
  organizationId: string,
): Promise<{ valid: boolean; events: StoredAuditEvent[]; broken: ChainBreak | null }> {
  const { rows } = await db.query<{ sequence: string; hash: string }>(
    'select sequence, hash from audit.chain_heads where organization_id = $1',
    [organizationId],
  );
  const head = rows[0] ? { sequence: Number(rows[0].sequence), hash: rows[0].hash } : null;
  const walk = chainWalk(null);
  const events: StoredAuditEvent[] = [];
  for await (const batch of scanEvents(superuserQuery(db), organizationId)) {
    for (const event of batch) {
      if (head && event.sequence > head.sequence) break;
      events.push(event);
      const broken = walk.push({ ...event, recomputedHash: hashAuditEvent(event) });
      if (broken) return { valid: false, events, broken };
    }
  }
  const broken = walk.finish(head);
  return { valid: broken === null, events, broken };
}
