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
import { errorText, sendSplittingRejects } from '../../../platform/delivery-split.ts';
import { UnavailableError, isUnavailable } from '../../../platform/errors.ts';
import type { QueueReading } from '../../../platform/metrics.ts';
import { Counter, Registry } from 'prom-client';
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
  /** Rows claimed at once. @default 100 */
  batchSize?: number;
  /** Longest wait between retries while the audit subgraph cannot be reached. @default 5000 */
  maxBackoffMs?: number;
  /** Largest request body sent at once; a batch goes out in as many requests as it needs. */
  maxRequestBytes?: number;
  /**
   * Delivered rows are deleted after this long (checked at most every minute): their content is in
   * clear until audit seals it, so a copy is kept only for tracing a delivery. @default 10 minutes
   */
  keepDeliveredMs?: number;
  /** Whether the audit subgraph can be reached yet (subgraphs start in any order). */
  auditKnown?: () => boolean;
  /** How long claimed rows are this relay's before another may take them (a crash's cost). @default 60 s */
  leaseMs?: number;
  /** Refusals of one event by the audit subgraph before it becomes a dead letter. @default 10 */
  maxAttempts?: number;
  /** Wait before the first retry of a refused event; it doubles with each refusal. @default 1000 */
  rejectRetryMs?: number;
  /** Where the relay's counters go (the subgraph's /metrics); a registry of its own otherwise. */
  registry?: Registry;
}

export interface OutboxRelay {
  /** Delivers everything pending now (tests, shutdown). */
  deliverNow(): Promise<void>;
  /** Stops at once: a delivery on its way is abandoned (its lease lapses; audit dedupes a resend). */
  stop(): Promise<void>;
}

interface OutboxRow {
  id: string;
  /** ISO-8601 UTC to the millisecond: what a JavaScript Date (and so the event hash) holds. */
  occurred: string;
  /** Microseconds since the epoch, zero-padded: the outbox order, finer than `occurred`. */
  position: string;
  event: unknown;
}

const ISO_MILLIS = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const PENDING = `delivered_at is null and dead_at is null`;

/** Whether the subgraph keeps an outbox: only those get a relay. */
export async function hasAuditOutbox(orm: MikroORM, schema: string): Promise<boolean> {
  const em = orm.em.fork({ clear: true, useContext: false });
  const [row] = await em.execute<{ present: boolean }[]>('select to_regclass(?) is not null as present', [
    `${schema}.audit_outbox`,
  ]);
  return Boolean(row?.present);
}

/** A transaction outside any tenant scope, allowed through an outbox's relay policy (if RLS'd). */
const asRelay = <T>(orm: MikroORM, work: (tx: EntityManager) => Promise<T>) =>
  orm.em.fork({ clear: true, useContext: false }).transactional(async (tx) => {
    await tx.execute(`select set_config('${AUDIT_RELAY_SETTING}', 'on', true)`);
    return work(tx);
  });

/** Backlog and dead letters of an outbox, for /metrics (read at each scrape). */
export async function readOutboxBacklog(orm: MikroORM, schema: string): Promise<QueueReading[]> {
  const [row] = await asRelay(orm, (tx) =>
    tx.execute<{ depth: string; age: number | null; dead: string; dead_age: number | null }[]>(
      `select count(*) filter (where ${PENDING}) as depth,
              extract(epoch from now() - min(occurred_at) filter (where ${PENDING}))::float8 as age,
              count(*) filter (where dead_at is not null) as dead,
              extract(epoch from now() - min(occurred_at) filter (where dead_at is not null))::float8 as dead_age
         from ${schema}.audit_outbox where delivered_at is null`,
    ),
  );
  return [
    { queue: `${schema}.audit_outbox`, depth: Number(row?.depth ?? 0), oldestAgeSeconds: row?.age ?? 0 },
    {
      queue: `${schema}.audit_outbox.dead`,
      depth: Number(row?.dead ?? 0),
      oldestAgeSeconds: row?.dead_age ?? 0,
    },
  ];
}

/** Counters of one registry, created once however many relays share it. */
function relayCounters(registry: Registry) {
  const counter = (name: string, help: string) =>
    (registry.getSingleMetric(name) as Counter<'queue' | 'kind'> | undefined) ??
    new Counter({ name, help, labelNames: ['queue', 'kind'] as const, registers: [registry] });
  return {
    failures: counter(
      'steward_audit_delivery_failures_total',
      'Audit deliveries that failed, by queue and kind (outage: audit unreachable; rejected: an event refused)',
    ),
    deadLetters: counter(
      'steward_audit_dead_letters_total',
      'Audit events set aside as dead letters after being refused too often, by queue',
    ),
  };
}

/**
 * Moves a subgraph's outbox to the audit subgraph, at least once, with no transaction open across
 * a network call: rows are claimed oldest first under a lease (`for update skip locked`, so several
 * instances share the work; the claim commits at once), sent, then marked delivered. A crash after
 * the send leaves the lease to lapse and the rows to be sent again: the audit side dedupes by
 * event id. A chunk the audit subgraph refuses is split until the refused event stands alone; that
 * event is retried with backoff and, after `maxAttempts` refusals, kept as a dead letter with its
 * last error (an error log line, a counter, a gauge), while the rest goes on. Audit unreachable is
 * no refusal: nothing is counted against the events, the relay backs off and tries again.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { orm, schema, internal, logger } = options;
  const pollMs = options.pollMs ?? 500;
  const batchSize = options.batchSize ?? 100;
  const maxBackoffMs = options.maxBackoffMs ?? 5000;
  const maxRequestBytes = options.maxRequestBytes ?? 512_000;
  const keepDeliveredMs = options.keepDeliveredMs ?? 10 * 60_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const rejectRetryMs = options.rejectRetryMs ?? 1000;
  const counters = relayCounters(options.registry ?? new Registry());
  const table = `${schema}.audit_outbox`;
  const queue = table;
  let stopped = false;
  let stopping: () => void = () => undefined;
  const stoppedSignal = new Promise<never>((_, reject) => {
    stopping = () => reject(new RelayStopped());
  });
  stoppedSignal.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | null = null;
  let wokenWhileRunning = false;
  let failures = 0;
  let prunedAt = 0;

  const claim = () =>
    asRelay(orm, (tx) =>
      tx.execute<OutboxRow[]>(
        `update ${table} o set locked_until = clock_timestamp() + ? * interval '1 millisecond'
           from (select id from ${table}
                  where ${PENDING} and (locked_until is null or locked_until <= clock_timestamp())
                  order by occurred_at, id limit ? for update skip locked) claimed
          where o.id = claimed.id
          returning o.id, ${ISO_MILLIS('o.occurred_at')} as occurred,
                    lpad((extract(epoch from o.occurred_at) * 1000000)::bigint::text, 20, '0') as position,
                    o.event`,
        [leaseMs, batchSize],
      ),
    );

  /** Sends one request, abandoned (not awaited) the moment the relay stops. */
  const send = (events: AuditDelivery[]) => {
    const origin = { requestId: randomUUID(), ip: null, userAgent: null };
    const call = inBackground(() => internal(ingestAuditEventsOperation, { events }, origin));
    call.catch(() => undefined);
    return Promise.race([call, stoppedSignal]);
  };

  async function deliverBatch(): Promise<number> {
    const rows = await claim();
    if (rows.length === 0) return 0;
    rows.sort((a, b) => compare(a.position, b.position) || compare(a.id, b.id));
    const deliveries = rows.map((row) => deliveryOf(row, schema));
    const outcome = await sendSplittingRejects(
      [...chunkDeliveries(deliveries, maxRequestBytes)],
      (events) => send(events).then(() => undefined),
      () => stopped,
    );
    if (outcome.rejected.length) counters.failures.inc({ queue, kind: 'rejected' }, outcome.rejected.length);
    await asRelay(orm, async (tx) => {
      if (outcome.delivered.length) {
        await tx.execute(
          `update ${table} set delivered_at = now(), locked_until = null where id = any(?::uuid[])`,
          [uuidArray(outcome.delivered.map((d) => d.id))],
        );
      }
      // Unreachable: free them for the next try (after the backoff) rather than after the lease.
      if (outcome.unsent.length && !stopped) {
        await tx.execute(`update ${table} set locked_until = null where id = any(?::uuid[])`, [
          uuidArray(outcome.unsent.map((d) => d.id)),
        ]);
      }
      for (const { item, error } of outcome.rejected) await recordRefusal(tx, item, error);
    });
    if (outcome.outage !== undefined && !stopped) throw outcome.outage;
    return rows.length;
  }

  async function recordRefusal(tx: EntityManager, delivery: AuditDelivery, error: unknown): Promise<void> {
    const [row] = await tx.execute<{ attempts: number; dead: boolean }[]>(
      `update ${table} set attempts = attempts + 1, last_error = ?,
              dead_at = case when attempts + 1 >= ? then now() end,
              locked_until = clock_timestamp() + least(?::float8 * power(2, attempts), 600000) * interval '1 millisecond'
        where id = ? returning attempts, dead_at is not null as dead`,
      [errorText(error), maxAttempts, rejectRetryMs, delivery.id],
    );
    if (row?.dead) {
      counters.deadLetters.inc({ queue, kind: 'rejected' });
      logger.error(
        { err: error, schema, eventId: delivery.id, action: delivery.action, attempts: row.attempts },
        'audit event refused too often: kept as a dead letter',
      );
    } else {
      logger.warn(
        { err: error, schema, eventId: delivery.id, attempts: row?.attempts },
        'audit event refused; will retry',
      );
    }
  }

  async function pruneIfDue(): Promise<void> {
    if (Date.now() - prunedAt < Math.min(keepDeliveredMs, 60_000)) return;
    prunedAt = Date.now();
    await asRelay(orm, (tx) =>
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
      if (!stopped) await pruneIfDue();
    } catch (error) {
      if (stopped) return;
      failures += 1;
      counters.failures.inc({ queue, kind: isUnavailable(error) ? 'outage' : 'error' });
      // One outage is routine (a restart); one that lasts is an operator's business.
      const log = failures >= 10 && failures % 10 === 0 ? logger.error : logger.warn;
      log.call(logger, { err: error, schema, failures }, 'audit outbox delivery failed; will retry');
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
      stopping();
      clearTimeout(timer);
      // A database statement on its way is short; a request to audit is not awaited (send).
      await Promise.race([current, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      await listener?.close();
    },
  };
}

/** Stopping is no verdict on the events: what is left is unsent, not refused. */
class RelayStopped extends UnavailableError {
  constructor() {
    super('outbox relay stopped');
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

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
