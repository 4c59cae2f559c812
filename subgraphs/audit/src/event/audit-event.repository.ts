import { randomUUID } from 'node:crypto';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { badInput } from '../../../../platform/errors.ts';
import { AuditEvent, type AuditActorType, type AuditOutcome } from './audit-event.entity.ts';
import { hashAuditEvent } from './audit-hash.ts';
import { readChainHead } from './chain-head.ts';
import { storableText, toStorableJson } from '../../../../platform/canonical-json.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { ContentSealer } from '../../../../platform/crypto/sealed-content.ts';
import { sealContent } from '../content/content-seal.ts';

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
  /** Given by delivery (the outbox row id, or a fan-out copy's id); a new one otherwise. */
  id?: string;
}

const text = (value: string | null | undefined): string | null =>
  value == null ? null : storableText(value);

/**
 * Appends an event to its organization's chain inside the caller's transaction, so it commits or
 * rolls back with the action it records. The organization must be in the transaction's tenant
 * scope (RLS refuses the insert otherwise).
 */
export async function appendAuditEvent(
  em: EntityManager,
  sealer: ContentSealer,
  input: AuditEventInput,
): Promise<AuditEvent> {
  const [event] = await appendToChain(em, sealer, input.organizationId, [input]);
  if (!event) throw new Error(`Audit event ${input.id} already exists`);
  return event;
}

/**
 * Appends events to one organization's chain, in order, skipping any whose id is already there
 * (a redelivery): a skipped event writes nothing and takes no sequence. One lock, one head read
 * and one insert for the whole batch. The check runs under the organization's lock, so
 * concurrent deliveries of one event append it once. Answers the events appended.
 * Each event's personal and customer content is sealed under its subjects' data keys before its
 * hash is taken (content/content-subjects.ts), so the chain covers the ciphertext and still
 * verifies once a key is destroyed. The keys are fetched before the lock is taken.
 */
export async function appendToChain(
  em: EntityManager,
  sealer: ContentSealer,
  organizationId: string,
  inputs: AuditEventInput[],
): Promise<AuditEvent[]> {
  if (!em.isInTransaction()) throw new Error('appendAuditEvent must run inside a transaction');
  const ids = inputs.map((input) => input.id ?? randomUUID());
  const sealed = await Promise.all(
    inputs.map((input, index) => {
      const parties = { ...input, organizationId, id: ids[index]! };
      return sealContent(sealer, parties, {
        actorIp: text(input.actor.ip),
        actorUserAgent: text(input.actor.userAgent),
        metadata: toStorableJson(input.metadata),
      });
    }),
  );
  // Serializes appends per organization only; released at commit or rollback.
  await em.execute(`select pg_advisory_xact_lock(hashtext('audit:' || ?::text))`, [organizationId]);
  const given = inputs.flatMap((input) => (input.id ? [input.id] : []));
  const seen = new Set<string>();
  if (given.length) {
    const rows = await em.execute<{ id: string }[]>('select id from audit.events where id = any(?::uuid[])', [
      `{${given.join(',')}}`,
    ]);
    for (const row of rows) seen.add(row.id);
  }
  const head = await readChainHead(em, organizationId);
  let sequence = head?.sequence ?? 0;
  let previousHash = head?.hash ?? null;
  const events: AuditEvent[] = [];
  for (const [index, input] of inputs.entries()) {
    const id = ids[index]!;
    if (seen.has(id)) continue;
    seen.add(id);
    sequence += 1;
    const content = { ...contentOf(input, id, organizationId, sequence, previousHash), ...sealed[index]! };
    previousHash = hashAuditEvent(content);
    events.push(em.create(AuditEvent, { ...content, hash: previousHash }, { persist: false }));
  }
  if (events.length === 0) return events;
  // A direct insert: the rows never join the unit of work, so no later flush can try to update them.
  // A trigger moves the chain head (audit.chain_heads) in the same statement.
  await em.insertMany(events);
  return events;
}

function contentOf(
  input: AuditEventInput,
  id: string,
  organizationId: string,
  sequence: number,
  previousHash: string | null,
) {
  return {
    id,
    organizationId,
    sequence,
    occurredAt: input.occurredAt ?? new Date(),
    action: storableText(input.action),
    outcome: input.outcome,
    actorType: input.actor.type,
    actorId: text(input.actor.id),
    actorDeviceType: text(input.actor.deviceType),
    targetType: text(input.target?.type),
    targetId: input.target ? text(input.target.id) : null,
    previousHash,
  };
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
