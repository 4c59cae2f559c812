import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../../../platform/errors.ts';
import { storableText, toStorableJson, type JsonValue } from '../../../../platform/canonical-json.ts';
import { decodeCursor, encodeCursor } from '../event/cursor.ts';
import { hashSystemEvent, type SystemEvent, type SystemEventSource } from './system-event-hash.ts';

export interface SystemEventInput {
  source: SystemEventSource;
  /** Dotted, most general first: `database.ddl`, `database.role.create`, `incident.declare`. */
  action: string;
  /** Who did it: a database session user, an operator's user id; null when unknown. */
  actor: string | null;
  metadata?: unknown;
  occurredAt?: Date | string;
}

/** The system chain's append lock: one chain for the whole deployment. */
export const SYSTEM_CHAIN_LOCK = `select pg_advisory_xact_lock(hashtext('audit:system'))`;

interface SystemEventRow {
  sequence: string;
  id: string;
  occurred_at: Date | string;
  source: SystemEventSource;
  action: string;
  actor: string | null;
  metadata: JsonValue;
  previous_hash: string | null;
  hash: string;
}

export const systemEventOf = (row: SystemEventRow): SystemEvent => ({
  sequence: Number(row.sequence),
  id: row.id,
  occurredAt: new Date(row.occurred_at),
  source: row.source,
  action: row.action,
  actor: row.actor,
  metadata: typeof row.metadata === 'string' ? jsonOf(row.metadata) : row.metadata,
  previousHash: row.previous_hash,
  hash: row.hash,
});

// A raw query may hand jsonb back as its text.
const jsonOf = (text: string): JsonValue => JSON.parse(text) as JsonValue;

export const SYSTEM_EVENT_COLUMNS =
  'sequence, id, occurred_at, source, action, actor, metadata, previous_hash, hash';

/** Appends events to the system chain, in order, inside the caller's transaction. */
export async function appendSystemEvents(
  em: EntityManager,
  inputs: SystemEventInput[],
): Promise<SystemEvent[]> {
  if (!em.isInTransaction()) throw new Error('appendSystemEvents must run inside a transaction');
  if (inputs.length === 0) return [];
  await em.execute(SYSTEM_CHAIN_LOCK);
  const [head] = await em.execute<{ sequence: string; hash: string }[]>(
    'select sequence, hash from audit.system_chain_head',
  );
  let sequence = head ? Number(head.sequence) : 0;
  let previousHash = head?.hash ?? null;
  const events: SystemEvent[] = [];
  for (const input of inputs) {
    sequence += 1;
    const content = {
      id: randomUUID(),
      sequence,
      // Milliseconds, as the hash covers them and as timestamptz keeps them exactly.
      occurredAt: new Date(input.occurredAt ?? Date.now()),
      source: input.source,
      action: storableText(input.action),
      actor: input.actor === null ? null : storableText(input.actor),
      metadata: toStorableJson(input.metadata),
      previousHash,
    };
    previousHash = hashSystemEvent(content);
    events.push({ ...content, hash: previousHash });
  }
  const values = events.map(() => '(?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)').join(', ');
  await em.execute(
    `insert into audit.system_events (${SYSTEM_EVENT_COLUMNS}) values ${values}`,
    events.flatMap((e) => [
      e.sequence,
      e.id,
      e.occurredAt,
      e.source,
      e.action,
      e.actor,
      JSON.stringify(e.metadata),
      e.previousHash,
      e.hash,
    ]),
  );
  return events;
}

export const MAX_PAGE_SIZE = 100;

/** One page of the system chain, newest first, keyed on the sequence. */
export async function listSystemEvents(
  em: EntityManager,
  filter: { source?: SystemEventSource | null; actionPrefix?: string | null },
  first: number | null | undefined,
  after: string | null | undefined,
) {
  const limit = first ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (after != null) {
    conditions.push('sequence < ?');
    params.push(decodeCursor(after));
  }
  if (filter.source != null) {
    conditions.push('source = ?');
    params.push(filter.source);
  }
  if (filter.actionPrefix != null) {
    conditions.push(`starts_with(action, ?)`);
    params.push(filter.actionPrefix);
  }
  const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
  const rows = await em.execute<SystemEventRow[]>(
    `select ${SYSTEM_EVENT_COLUMNS} from audit.system_events ${where} order by sequence desc limit ?`,
    [...params, limit + 1],
  );
  const edges = rows.slice(0, limit).map((row) => {
    const node = systemEventOf(row);
    return { cursor: encodeCursor(node.sequence), node };
  });
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}
