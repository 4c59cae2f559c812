import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal, RequestOrigin } from '../../../platform/principal.ts';
import { deviceTypeOf } from '../../../platform/device.ts';

/** An audit event as a subgraph records it, before delivery to the audit subgraph. */
export interface OutboxEvent {
  /** Dotted, most general first: `identity.sign_in.failed`. */
  action: string;
  outcome: 'SUCCESS' | 'DENIED' | 'FAILURE';
  /** The organization whose chain it joins; null for a user's own event (delivery fans it out). */
  organizationId: string | null;
  actor: {
    type: 'USER' | 'API_KEY' | 'SYSTEM';
    id: string | null;
    ip: string | null;
    userAgent: string | null;
    deviceType: string | null;
  };
  target: { type: string; id: string | null } | null;
  metadata?: Record<string, unknown>;
}

/** SQL for an outbox table as the subgraphs' migrations leave it (tests build their own with it). */
export function auditOutboxSql(schema: string): string[] {
  return [
    `create table ${schema}.audit_outbox (
      id uuid primary key,
      occurred_at timestamptz not null default now(),
      organization_id uuid null,
      event jsonb not null,
      delivered_at timestamptz null,
      attempts int not null default 0,
      locked_until timestamptz null,
      last_error text null,
      dead_at timestamptz null)`,
    `create index audit_outbox_pending_idx on ${schema}.audit_outbox (occurred_at, id) where delivered_at is null and dead_at is null`,
  ];
}

/** Turned on (transaction-local) by the outbox relay, which reads outside any tenant scope. */
export const AUDIT_RELAY_SETTING = 'app.audit_relay';

/** The channel a subgraph's relay listens on, notified when its outbox gains a row. */
export const auditOutboxChannel = (schema: string) => `${schema}_audit_outbox`;

/**
 * Records an audit event in the caller's transaction, so the event exists exactly when the action
 * it records committed. A durable job delivers it to the audit subgraph. Actor-controlled text is
 * bounded first (see boundOutboxEvent), so a hostile value can neither fail the action nor swell
 * the outbox; the NOTIFY (sent at commit, not at all on rollback) wakes the relay at once.
 */
export async function recordAuditEvent(em: EntityManager, schema: string, event: OutboxEvent): Promise<void> {
  const bounded = boundOutboxEvent(event);
  // Two statements, no RETURNING: under RLS a request may be allowed to add an event it may not
  // read back (identity's events of no organization).
  await em.execute(
    // clock_timestamp, not now(): events of one transaction keep the order they were recorded in.
    `insert into ${schema}.audit_outbox (id, occurred_at, organization_id, event)
     values (?, clock_timestamp(), ?, ?::jsonb)`,
    [crypto.randomUUID(), bounded.organizationId, JSON.stringify(bounded)],
  );
  await em.execute(`select pg_notify(?, '')`, [auditOutboxChannel(schema)]);
}

/** Upper bounds on what one event may carry, in UTF-16 code units. */
export const AUDIT_LIMITS = {
  action: 200,
  id: 200,
  ip: 100,
  userAgent: 1000,
  deviceType: 50,
  targetType: 100,
  /** Each string inside metadata. */
  metadataText: 2000,
  /** The whole metadata as JSON; beyond it only its size is kept. */
  metadata: 16_000,
  metadataItems: 100,
  metadataDepth: 8,
} as const;

/** Text PostgreSQL accepts in text and jsonb: no NUL, no lone surrogate. */
export const storableText = (text: string): string => text.toWellFormed().replaceAll('\u0000', '\uFFFD');

/** Cuts text to at most `max` code units, saying so, and makes it storable. Idempotent. */
export function boundText(text: string, max: number): string {
  if (text.length <= max) return storableText(text);
  const marker = `…[cut from ${text.length}]`;
  return storableText(text.slice(0, Math.max(0, max - marker.length)) + marker);
}

const boundNullable = (text: string | null | undefined, max: number): string | null =>
  text == null ? null : boundText(String(text), max);

/**
 * An event whose every actor-controlled value is bounded and storable: newlines, ANSI escapes and
 * quotes are kept (JSON encodes them; exports escape them), 1 MB of text is not. Idempotent, so
 * the relay and the audit subgraph may apply it again to rows written by older code.
 */
export function boundOutboxEvent(event: OutboxEvent): OutboxEvent {
  const { actor, target } = event;
  return {
    action: boundText(event.action, AUDIT_LIMITS.action),
    outcome: event.outcome,
    organizationId: event.organizationId,
    actor: {
      type: actor.type,
      id: boundNullable(actor.id, AUDIT_LIMITS.id),
      ip: boundNullable(actor.ip, AUDIT_LIMITS.ip),
      userAgent: boundNullable(actor.userAgent, AUDIT_LIMITS.userAgent),
      deviceType: boundNullable(actor.deviceType, AUDIT_LIMITS.deviceType),
    },
    target: target
      ? {
          type: boundText(target.type, AUDIT_LIMITS.targetType),
          id: boundNullable(target.id, AUDIT_LIMITS.id),
        }
      : null,
    ...(event.metadata === undefined ? {} : { metadata: boundMetadata(event.metadata) }),
  };
}

/** Metadata as plain JSON with bounded strings, lists and depth; too large as a whole, only its size. */
export function boundMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  const plain: unknown = JSON.parse(JSON.stringify(metadata) ?? 'null');
  const bounded = boundJson(plain, 0);
  const size = JSON.stringify(bounded).length;
  if (size > AUDIT_LIMITS.metadata) return { truncated: true, size };
  return bounded !== null && typeof bounded === 'object' && !Array.isArray(bounded)
    ? (bounded as Record<string, unknown>)
    : { value: bounded };
}

function boundJson(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return boundText(value, AUDIT_LIMITS.metadataText);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= AUDIT_LIMITS.metadataDepth) return '[nested too deep]';
  const max = AUDIT_LIMITS.metadataItems;
  // Beyond `max`, the last slot says how many were cut, so the result has at most `max` either way.
  if (Array.isArray(value)) {
    if (value.length <= max) return value.map((item) => boundJson(item, depth + 1));
    const items = value.slice(0, max - 1).map((item) => boundJson(item, depth + 1));
    return [...items, `…[${value.length - max + 1} more items]`];
  }
  const entries = Object.entries(value);
  const over = entries.length > max;
  const kept = (over ? entries.slice(0, max - 1) : entries).map(([key, item]) => [
    boundText(key, AUDIT_LIMITS.targetType),
    boundJson(item, depth + 1),
  ]);
  if (over) kept.push(['…', `${entries.length - max + 1} more keys`]);
  return Object.fromEntries(kept);
}

/** The actor of an event from the request's principal and origin. */
export function actorOf(
  principal: Principal,
  origin: RequestOrigin,
  deviceType: string | null = null,
): OutboxEvent['actor'] {
  const base = {
    ip: origin.ip,
    userAgent: origin.userAgent,
    deviceType: deviceType ?? deviceTypeOf(origin.userAgent),
  };
  switch (principal.kind) {
    case 'user':
      return { ...base, type: 'USER', id: principal.userId };
    case 'apiKey':
      return { ...base, type: 'API_KEY', id: principal.keyId };
    case 'system':
      return { ...base, type: 'SYSTEM', id: principal.service };
    default:
      return { ...base, type: 'USER', id: null };
  }
}
