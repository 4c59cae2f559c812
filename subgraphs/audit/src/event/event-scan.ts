import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChainedAuditEvent } from './audit-hash.ts';
import type { JsonValue } from '../../../../platform/canonical-json.ts';

/** An event as stored, hash included: what verification and exports read. */
export interface StoredAuditEvent extends ChainedAuditEvent {
  hash: string;
}

interface EventRow {
  id: string;
  organization_id: string;
  sequence: string;
  occurred_at: string;
  action: string;
  outcome: string;
  actor_type: string;
  actor_id: string | null;
  actor_ip: string | null;
  actor_user_agent: string | null;
  actor_device_type: string | null;
  target_type: string | null;
  target_id: string | null;
  metadata: JsonValue | null;
  previous_hash: string | null;
  hash: string;
}

// occurred_at as ISO text to the millisecond: exactly the Date the hash was computed over.
const COLUMNS = `id, organization_id, sequence, action, outcome, actor_type, actor_id, actor_ip,
  actor_user_agent, actor_device_type, target_type, target_id, metadata, previous_hash, hash,
  to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at`;

export interface EventRange {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** Runs one read; the transaction and tenant scope it runs in are the caller's choice. */
export type EventQuery = <T extends object>(sql: string, params: unknown[]) => Promise<T[]>;

/** Reads within `em`'s transaction and scope. */
export const queryIn =
  (em: EntityManager): EventQuery =>
  (sql, params) =>
    em.execute(sql, params);

/**
 * An organization's events in sequence order, in batches of at most `window` sequences: each
 * batch is one query on a bounded sequence range of the (organization_id, sequence) index, so
 * memory stays flat and no plan sorts a whole chain. Each query runs through `query` (RLS applies
 * in whatever scope it sets): in one transaction, or each in its own so a slow reader holds none.
 */
export async function* scanEvents(
  query: EventQuery,
  organizationId: string,
  range: EventRange = {},
  window = 1000,
): AsyncGenerator<StoredAuditEvent[]> {
  const timed = Boolean(range.from || range.to);
  const time = `${range.from ? ' and occurred_at >= ?::timestamptz' : ''}${range.to ? ' and occurred_at < ?::timestamptz' : ''}`;
  // ISO text, not Dates: the instants must not depend on a session time zone.
  const timeParams = [range.from, range.to].flatMap((at) => (at ? [at.toISOString()] : []));
  // A time range is found once on the occurred_at index; the whole chain through min() and max().
  const [bounds] = await query<{ first: string | null; last: string | null }>(
    timed
      ? `select min(sequence) as first, max(sequence) as last from audit.events where organization_id = ?${time}`
      : `select (select min(sequence) from audit.events where organization_id = ?) as first,
                (select max(sequence) from audit.events where organization_id = ?) as last`,
    timed ? [organizationId, ...timeParams] : [organizationId, organizationId],
  );
  if (!bounds?.first || !bounds.last) return;
  const last = Number(bounds.last);
  for (let start = Number(bounds.first); start <= last; start += window) {
    const rows = await query<EventRow>(
      `select ${COLUMNS} from audit.events
        where organization_id = ? and sequence >= ? and sequence < ?${time} order by sequence`,
      [organizationId, start, Math.min(start + window, last + 1), ...timeParams],
    );
    if (rows.length) yield rows.map(eventOf);
  }
}

/** An organization's events from `first` through `last` (sequences), in order: one bounded read. */
export async function eventsBetween(
  query: EventQuery,
  organizationId: string,
  first: number,
  last: number,
): Promise<StoredAuditEvent[]> {
  const rows = await query<EventRow>(
    `select ${COLUMNS} from audit.events
      where organization_id = ? and sequence >= ? and sequence <= ? order by sequence`,
    [organizationId, first, last],
  );
  return rows.map(eventOf);
}

function eventOf(row: EventRow): StoredAuditEvent {
  return {
    id: row.id,
    organizationId: row.organization_id,
    sequence: Number(row.sequence),
    occurredAt: new Date(row.occurred_at),
    action: row.action,
    outcome: row.outcome,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorIp: row.actor_ip,
    actorUserAgent: row.actor_user_agent,
    actorDeviceType: row.actor_device_type,
    targetType: row.target_type,
    targetId: row.target_id,
    metadata: row.metadata,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
