import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { inBackground } from '../../../platform/background.ts';
import { listenForNotifications } from '../../runtime/notifications.ts';
import {
  AUDIT_RELAY_SETTING,
  auditOutboxChannel,
  boundOutboxEvent,
  type OutboxEvent,
} from './audit-outbox.ts';
import type { InternalClient } from '../../../platform/internal-client.ts';
import { Id } from '../../../platform/ids.ts';
import { ingestAuditEventsOperation } from '../../../contracts/operations/audit/ingest-audit-events.ts';

/** An outbox event on the wire: the outbox row id is the event id, its time the event's time. */
export interface AuditDelivery extends OutboxEvent {
  id: string;
  occurredAt: string;
}

export interface OutboxRelayOptions {
  orm: MikroORM;
  /** The subgraph's schema, which holds its `audit_outbox`. */
  schema: string;
  internal: InternalClient;
  logger: Logger;
  /** A runtime-role URL to LISTEN on, for delivery right after commit; polling alone without it. */
  listenUrl?: string;
  /** @default 500 */
  pollMs?: number;
  /** Rows claimed per transaction. @default 100 */
  batchSize?: number;
  /** Longest wait between retries while the audit subgraph fails. @default 5000 */
  maxBackoffMs?: number;
  /** Largest request body sent at once; a batch goes out in as many requests as it needs. */
  maxRequestBytes?: number;
  /** Delivered rows are deleted after this long. @default one day */
  keepDeliveredMs?: number;
  /** Whether the audit subgraph can be reached yet (subgraphs start in any order). */
  auditKnown?: () => boolean;
}

export interface OutboxRelay {
  /** Delivers everything pending now (tests, shutdown). */
  deliverNow(): Promise<void>;
  stop(): Promise<void>;
}

interface OutboxRow {
  id: string;
  /** ISO-8601 UTC to the millisecond: what a JavaScript Date (and so the event hash) holds. */
  occurred: string;
  event: unknown;
}

const ISO_MILLIS = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Whether the subgraph keeps an outbox: only those get a relay. */
export async function hasAuditOutbox(orm: MikroORM, schema: string): Promise<boolean> {
  const em = orm.em.fork({ clear: true, useContext: false });
  const [row] = await em.execute<{ present: boolean }[]>('select to_regclass(?) is not null as present', [
    `${schema}.audit_outbox`,
  ]);
  return Boolean(row?.present);
}

/**
 * Moves a subgraph's outbox to the audit subgraph, at least once: rows are claimed oldest first
 * (`for update skip locked`, so several instances share the work), sent, and marked delivered in
 * the transaction that claimed them. If sending fails the transaction rolls back and the rows are
 * retried with backoff; if the commit fails after a send, the audit side dedupes by event id.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { orm, schema, internal, logger } = options;
  const pollMs = options.pollMs ?? 500;
  const batchSize = options.batchSize ?? 100;
  const maxBackoffMs = options.maxBackoffMs ?? 5000;
  const maxRequestBytes = options.maxRequestBytes ?? 512_000;
  const keepDeliveredMs = options.keepDeliveredMs ?? 24 * 3600_000;
  const table = `${schema}.audit_outbox`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | null = null;
  let wokenWhileRunning = false;
  let failures = 0;
  let prunedAt = 0;

  /** A transaction outside any tenant scope, allowed through an outbox's relay policy (if RLS'd). */
  const asRelay = <T>(work: (tx: EntityManager) => Promise<T>) =>
    orm.em.fork({ clear: true, useContext: false }).transactional(async (tx) => {
      await tx.execute(`select set_config('${AUDIT_RELAY_SETTING}', 'on', true)`);
      return work(tx);
    });

  async function deliverBatch(): Promise<number> {
    return asRelay(async (tx) => {
      const rows = await tx.execute<OutboxRow[]>(
        `select id, ${ISO_MILLIS('occurred_at')} as occurred, event from ${table} where delivered_at is null
          order by occurred_at, id limit ? for update skip locked`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      const origin = { requestId: randomUUID(), ip: null, userAgent: null };
      for (const events of chunkDeliveries(
        rows.map((row) => deliveryOf(row, schema)),
        maxRequestBytes,
      )) {
        await inBackground(() => internal(ingestAuditEventsOperation, { events }, origin));
      }
      await tx.execute(`update ${table} set delivered_at = now() where id = any(?::uuid[])`, [
        `{${rows.map((row) => row.id).join(',')}}`,
      ]);
      return rows.length;
    });
  }

  async function pruneIfDue(): Promise<void> {
    if (Date.now() - prunedAt < Math.min(keepDeliveredMs, 600_000)) return;
    prunedAt = Date.now();
    await asRelay((tx) =>
      tx.execute(`delete from ${table} where delivered_at < now() - ? * interval '1 millisecond'`, [
        keepDeliveredMs,
      ]),
    );
  }

  async function drain(): Promise<void> {
    // Not a failure: the audit subgraph has not started yet; the next poll tries again.
    if (options.auditKnown && !options.auditKnown()) return;
    try {
      do {
        wokenWhileRunning = false;
        while ((await deliverBatch()) === batchSize && !stopped);
      } while (wokenWhileRunning && !stopped);
      failures = 0;
      await pruneIfDue();
    } catch (error) {
      failures += 1;
      logger.warn({ err: error, schema, failures }, 'audit outbox delivery failed; will retry');
    }
  }

  function run(): Promise<void> {
    if (current) {
      wokenWhileRunning = true;
      return current;
    }
    clearTimeout(timer);
    current = drain().finally(() => {
      current = null;
      if (stopped) return;
      const backoff = Math.min(maxBackoffMs, pollMs * 2 ** failures) * (0.8 + Math.random() * 0.4);
      timer = setTimeout(() => void run(), failures ? backoff : pollMs);
      timer.unref();
    });
    return current;
  }

  const listener = options.listenUrl
    ? listenForNotifications(options.listenUrl, auditOutboxChannel(schema), logger, () => {
        // While the audit subgraph fails, its backoff holds: a burst of commits must not hammer it.
        if (!stopped && failures === 0) void run();
      })
    : null;
  void run();

  return {
    deliverNow: async () => {
      await current;
      await run();
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
      await listener?.close();
    },
  };
}

/** The wire event of a row; a row that is not an event is delivered as evidence of itself. */
function deliveryOf(row: OutboxRow, schema: string): AuditDelivery {
  const parsed = StoredOutboxEvent.safeParse(row.event);
  const event: OutboxEvent = parsed.success
    ? parsed.data
    : {
        action: 'audit.outbox.malformed',
        outcome: 'FAILURE',
        organizationId: null,
        actor: { type: 'SYSTEM', id: schema, ip: null, userAgent: null, deviceType: null },
        target: null,
        metadata: { raw: JSON.stringify(row.event ?? null) },
      };
  return { ...boundOutboxEvent(event), id: row.id, occurredAt: row.occurred };
}

const text = z.string().nullable().default(null);
const StoredOutboxEvent = z.object({
  action: z.string().min(1),
  outcome: z.enum(['SUCCESS', 'DENIED', 'FAILURE']),
  organizationId: Id().nullable(),
  actor: z.object({
    type: z.enum(['USER', 'API_KEY', 'SYSTEM']),
    id: text,
    ip: text,
    userAgent: text,
    deviceType: text,
  }),
  target: z
    .object({ type: z.string().min(1), id: text })
    .nullable()
    .default(null),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/** Splits deliveries into requests of at most `maxBytes` of JSON (one event always fits: bounded). */
export function* chunkDeliveries(deliveries: AuditDelivery[], maxBytes: number): Generator<AuditDelivery[]> {
  let chunk: AuditDelivery[] = [];
  let size = 0;
  for (const delivery of deliveries) {
    const bytes = Buffer.byteLength(JSON.stringify(delivery));
    if (chunk.length && size + bytes > maxBytes) {
      yield chunk;
      chunk = [];
      size = 0;
    }
    chunk.push(delivery);
    size += bytes;
  }
  if (chunk.length) yield chunk;
}
