import { randomUUID } from 'node:crypto';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { badInput } from '../../../kit/errors.ts';
import { AuditEvent, type AuditActorType, type AuditOutcome } from './audit-event.entity.ts';
import { hashAuditEvent } from './audit-hash.ts';
import { storableText, toStorableJson } from './canonical.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export interface AuditEventInput {
  organizationId: string;
  /** Dotted, most general first: `session.revoke`, `membership.role.change`. */
  action: string;
  outcome: AuditOutcome;
  actor: {
    type: AuditActorType;
    id?: string | null;
    ip?: string | null;
    userAgent?: string | null;
    deviceType?: string | null;
  };
  target?: { type: string; id?: string | null } | null;
  /** Any JSON-serialisable value; stored (and hashed) as JSON.stringify would render it. */
  metadata?: unknown;
  occurredAt?: Date;
}

const text = (value: string | null | undefined): string | null =>
  value == null ? null : storableText(value);

/**
 * Appends an event to its organization's chain inside the caller's transaction, so it commits or
 * rolls back with the action it records. The organization must be in the transaction's tenant
 * scope (RLS refuses the insert otherwise).
 */
export async function appendAuditEvent(em: EntityManager, input: AuditEventInput): Promise<AuditEvent> {
  if (!em.isInTransaction()) throw new Error('appendAuditEvent must run inside a transaction');
  // Serializes appends per organization only; released at commit or rollback.
  await em.execute(`select pg_advisory_xact_lock(hashtext('audit:' || ?::text))`, [input.organizationId]);
  const [last] = await em.execute<{ sequence: string; hash: string }[]>(
    'select sequence, hash from audit.events where organization_id = ? order by sequence desc limit 1',
    [input.organizationId],
  );
  const content = {
    id: randomUUID(),
    organizationId: input.organizationId,
    sequence: last ? Number(last.sequence) + 1 : 1,
    occurredAt: input.occurredAt ?? new Date(),
    action: storableText(input.action),
    outcome: input.outcome,
    actorType: input.actor.type,
    actorId: text(input.actor.id),
    actorIp: text(input.actor.ip),
    actorUserAgent: text(input.actor.userAgent),
    actorDeviceType: text(input.actor.deviceType),
    targetType: text(input.target?.type),
    targetId: input.target ? text(input.target.id) : null,
    metadata: toStorableJson(input.metadata),
    previousHash: last?.hash ?? null,
  };
  const event = em.create(AuditEvent, { ...content, hash: hashAuditEvent(content) }, { persist: false });
  // A direct insert: the row never joins the unit of work, so no later flush can try to update it.
  await em.insert(event);
  return event;
}

export interface AuditEventFilter {
  actionPrefix?: string | null;
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  outcome?: AuditOutcome | null;
  from?: Date | string | null;
  to?: Date | string | null;
}

export interface AuditEventPage {
  edges: { cursor: string; node: AuditEvent }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/** LIKE treats `%`, `_` and `\` specially; a prefix is matched literally. */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of an organization's events, newest first, keyed on the chain sequence. */
export async function listAuditEvents(
  em: EntityManager,
  organizationId: string,
  filter: AuditEventFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<AuditEventPage> {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  const where: FilterQuery<AuditEvent> = { organizationId, ...conditionsOf(filter ?? {}) };
  if (after != null) where.sequence = { $lt: decodeCursor(after) };
  const rows = await em.find(AuditEvent, where, { orderBy: { sequence: 'desc' }, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(node.sequence), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}

function conditionsOf(filter: AuditEventFilter): FilterQuery<AuditEvent> & object {
  const occurredAt = {
    ...(filter.from != null ? { $gte: toDate(filter.from, 'filter.from') } : {}),
    ...(filter.to != null ? { $lt: toDate(filter.to, 'filter.to') } : {}),
  };
  return {
    ...(filter.actionPrefix != null ? { action: { $like: `${escapeLike(filter.actionPrefix)}%` } } : {}),
    ...(filter.actorId != null ? { actorId: filter.actorId } : {}),
    ...(filter.targetType != null ? { targetType: filter.targetType } : {}),
    ...(filter.targetId != null ? { targetId: filter.targetId } : {}),
    ...(filter.outcome != null ? { outcome: filter.outcome } : {}),
    ...(Object.keys(occurredAt).length ? { occurredAt } : {}),
  };
}

function toDate(value: Date | string, field: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput('Not a valid date-time', field);
  return date;
}
