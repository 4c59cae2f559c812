import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { inBackground } from '../../../platform/background.ts';
import { errorText, sendSplittingRejects } from '../../../platform/delivery-split.ts';
import { UnavailableError, isUnavailable } from '../../../platform/errors.ts';
import type { InternalClient } from '../../../platform/internal-client.ts';
import {
  ingestAuditEventsOperation,
  type AuditEventInput,
} from '../../../contracts/operations/audit/ingest-audit-events.ts';
import { ACCESS_OUTBOX_QUEUE, type AccessOutboxMetrics } from './access-outbox-metrics.ts';

export interface AccessOutboxRelayOptions {
  pool: pg.Pool;
  internal: InternalClient;
  logger: Logger;
  metrics: AccessOutboxMetrics;
  /** Between polls when idle (another gateway's events; this one's wake it at once). @default 1000 */
  pollMs?: number;
  /** How long a write waits for others before its delivery starts. @default 200 */
  batchDelayMs?: number;
  /** Rows claimed at once. @default 500 */
  batchSize?: number;
  /** Events per request to the audit subgraph (it takes 500 at most). @default 250 */
  chunkSize?: number;
  /** Longest wait between retries while the audit subgraph cannot be reached. @default 5000 */
  maxBackoffMs?: number;
  /** How long claimed rows are this gateway's before another may take them. @default 60 s */
  leaseMs?: number;
  /** Refusals of one event before it becomes a dead letter. @default 10 */
  maxAttempts?: number;
  /** Wait before the first retry of a refused event; it doubles with each refusal. @default 1000 */
  rejectRetryMs?: number;
  /**
   * How long a dead letter is kept. It holds a person's IP and browser, which no deletion request
   * reaches here (the gateway is no subgraph): kept no longer than a deletion may take. @default 30 days
   */
  keepDeadMs?: number;
}

const CLAIM = `update gateway.access_outbox o set locked_until = clock_timestamp() + $1 * interval '1 millisecond'
  from (select id from gateway.access_outbox
         where dead_at is null and (locked_until is null or locked_until <= clock_timestamp())
         order by occurred_at, id limit $2 for update skip locked) claimed
  where o.id = claimed.id
  returning o.id, o.event, lpad((extract(epoch from o.occurred_at) * 1000000)::bigint::text, 20, '0') as position`;

const REFUSED = `update gateway.access_outbox set attempts = attempts + 1, last_error = $2,
    dead_at = case when attempts + 1 >= $3 then now() end,
    locked_until = clock_timestamp() + least($4::float8 * power(2, attempts), 600000) * interval '1 millisecond'
  where id = $1 returning attempts, dead_at is not null as dead`;

/** Stopping is no verdict on the events: what is left is unsent, not refused. */
class RelayStopped extends UnavailableError {
  constructor() {
    super('access outbox relay stopped');
  }
}

/**
 * Delivers the gateway's access outbox to the audit subgraph, at least once, the way the
 * subgraphs' relays do (subgraphs/protocols/audit-outbox/outbox-relay.ts): claim under a lease
 * (`for update skip locked`: every gateway process shares the table), send with no transaction
 * open, delete what audit took (audit dedupes by event id, so a resend after a crash is
 * harmless), split a refused request down to the refused event, retry it with backoff and, after
 * `maxAttempts` refusals, keep it as a dead letter with its last error.
 */
export function startAccessOutboxRelay(options: AccessOutboxRelayOptions) {
  const { pool, internal, logger, metrics } = options;
  const pollMs = options.pollMs ?? 1000;
  const batchSize = options.batchSize ?? 500;
  const chunkSize = options.chunkSize ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 5000;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const rejectRetryMs = options.rejectRetryMs ?? 1000;
  const batchDelayMs = options.batchDelayMs ?? 200;
  const keepDeadMs = options.keepDeadMs ?? 30 * 24 * 3600_000;
  let prunedAt = 0;
  const queue = ACCESS_OUTBOX_QUEUE;
  let stopped = false;
  let stopping: () => void = () => undefined;
  const stoppedSignal = new Promise<never>((_, reject) => {
    stopping = () => reject(new RelayStopped());
  });
  stoppedSignal.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | null = null;
  let woken = false;
  let failures = 0;
  let wakeTimer: NodeJS.Timeout | undefined;

  const send = async (events: AuditEventInput[]) => {
    const call = inBackground(() =>
      internal(
        ingestAuditEventsOperation,
        { events },
        { requestId: randomUUID(), ip: null, userAgent: null },
      ),
    );
    call.catch(() => undefined);
    await Promise.race([call, stoppedSignal]);
  };

  async function deliverBatch(): Promise<number> {
    const { rows } = await pool.query<{ id: string; event: AuditEventInput; position: string }>(CLAIM, [
      leaseMs,
      batchSize,
    ]);
    if (!rows.length) return 0;
    rows.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : 1));
    const events = rows.map((row) => row.event);
    const chunks = Array.from({ length: Math.ceil(events.length / chunkSize) }, (_, i) =>
      events.slice(i * chunkSize, (i + 1) * chunkSize),
    );
    const outcome = await sendSplittingRejects(chunks, send, () => stopped);
    if (outcome.delivered.length) {
      await pool.query('delete from gateway.access_outbox where id = any($1::uuid[])', [
        outcome.delivered.map((event) => event.id),
      ]);
    }
    // Unreachable: free them for the next try (after the backoff) rather than after the lease.
    if (outcome.unsent.length && !stopped) {
      await pool.query('update gateway.access_outbox set locked_until = null where id = any($1::uuid[])', [
        outcome.unsent.map((event) => event.id),
      ]);
    }
    if (outcome.rejected.length)
      metrics.deliveryFailures.inc({ queue, kind: 'rejected' }, outcome.rejected.length);
    for (const { item, error } of outcome.rejected) {
      const { rows: refused } = await pool.query<{ attempts: number; dead: boolean }>(REFUSED, [
        item.id,
        errorText(error),
        maxAttempts,
        rejectRetryMs,
      ]);
      if (refused[0]?.dead) {
        metrics.deadLetters.inc({ queue, kind: 'rejected' });
        logger.error(
          { err: error, eventId: item.id, attempts: refused[0].attempts },
          'access event refused too often: kept as a dead letter',
        );
      } else {
        logger.warn(
          { err: error, eventId: item.id, attempts: refused[0]?.attempts },
          'access event refused; will retry',
        );
      }
    }
    if (outcome.outage !== undefined && !stopped) throw outcome.outage;
    return rows.length;
  }

  async function pruneDeadIfDue(): Promise<void> {
    if (Date.now() - prunedAt < Math.min(keepDeadMs, 600_000)) return;
    prunedAt = Date.now();
    const { rowCount } = await pool.query(
      `delete from gateway.access_outbox where dead_at < now() - $1 * interval '1 millisecond'`,
      [keepDeadMs],
    );
    if (rowCount) {
      metrics.deadLettersExpired.inc(rowCount);
      logger.error({ events: rowCount }, 'dead access events deleted undelivered: kept as long as allowed');
    }
  }

  async function drain(): Promise<void> {
    try {
      do {
        woken = false;
        while ((await deliverBatch()) === batchSize && !stopped);
      } while (woken && !stopped);
      failures = 0;
      if (!stopped) await pruneDeadIfDue();
    } catch (error) {
      if (stopped) return;
      failures += 1;
      metrics.deliveryFailures.inc({ queue, kind: isUnavailable(error) ? 'outage' : 'error' });
      // One failure is routine (a restart); one that lasts is an operator's business.
      const log = failures >= 10 && failures % 10 === 0 ? logger.error : logger.warn;
      log.call(logger, { err: error, failures }, 'access events not delivered; will retry');
    }
  }

  function run(): Promise<void> {
    if (current) {
      woken = true;
      return current;
    }
    clearTimeout(timer);
    clearTimeout(wakeTimer);
    wakeTimer = undefined;
    current = drain().finally(() => {
      current = null;
      if (stopped) return;
      const backoff = Math.min(maxBackoffMs, pollMs * 2 ** failures) * (0.8 + Math.random() * 0.4);
      timer = setTimeout(() => void run(), failures ? backoff : pollMs);
      timer.unref();
    });
    return current;
  }

  // A wake comes from the request whose batch was written: the delivery it starts runs in the
  // relay's own async context, not that request's (tracing, and the benchmark's SQL counts, which
  // count a delivery as background work, not as the request's).
  const runAsRelay = AsyncResource.bind(() => void run());
  void run();
  return {
    /**
     * Something was written: deliver it shortly, unless audit is failing (its backoff holds). The
     * short wait lets one request to audit carry the events of many requests.
     */
    wake(): void {
      if (stopped || failures > 0 || woken || wakeTimer) return;
      if (current) woken = true;
      else wakeTimer = setTimeout(runAsRelay, batchDelayMs).unref();
    },
    /** Delivers everything pending now (tests, shutdown). */
    async deliverNow(): Promise<void> {
      await current;
      await run();
    },
    /** Stops at once: a delivery on its way is abandoned (its lease lapses; audit dedupes a resend). */
    async stop(): Promise<void> {
      stopped = true;
      stopping();
      clearTimeout(timer);
      clearTimeout(wakeTimer);
      await Promise.race([current, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    },
  };
}

export type AccessOutboxRelay = ReturnType<typeof startAccessOutboxRelay>;
