import type pg from 'pg';
import type { Logger } from 'pino';
import type { AuditEventInput } from '../../../contracts/operations/audit/ingest-audit-events.ts';
import { storableText } from '../../../platform/canonical-json.ts';
import type { AccessOutboxMetrics } from './access-outbox-metrics.ts';

export interface AccessOutboxWriterOptions {
  pool: pg.Pool;
  logger: Logger;
  metrics: AccessOutboxMetrics;
  /** Called after each batch is written (wakes this gateway's relay). */
  onWritten?: () => void;
  /** Events held in memory while PostgreSQL cannot take them; beyond, new ones are dropped (counted, logged). */
  maxBuffered?: number;
  /** Longest a response waits for its events to be written; past it (0: at once), they are written after. */
  maxWaitMs?: number;
}

/** jsonb refuses NUL and lone surrogates: one such value would fail its whole batch, forever. */
const storable = (_key: string, value: unknown) => (typeof value === 'string' ? storableText(value) : value);

/** Events written by one statement at most. */
const MAX_ROWS_PER_INSERT = 1000;

const INSERT = `insert into gateway.access_outbox (id, occurred_at, event)
  select * from unnest($1::uuid[], $2::timestamptz[], $3::jsonb[]) on conflict (id) do nothing`;

/**
 * Writes access events to the gateway's outbox table with group commit: a response waits until
 * its events are in PostgreSQL, and every event that arrives while one insert runs goes into the
 * next one, so under load one statement carries many requests' events (one round trip per batch,
 * not per request). PostgreSQL unreachable: the events wait in memory (bounded) and are written
 * when it answers again; the response does not wait for that, and does not fail.
 */
export function createAccessOutboxWriter(options: AccessOutboxWriterOptions) {
  const { pool, logger, metrics } = options;
  const maxBuffered = options.maxBuffered ?? 50_000;
  const maxWaitMs = options.maxWaitMs ?? 2000;
  let buffer: AuditEventInput[] = [];
  let waiters: (() => void)[] = [];
  let writing: Promise<void> | null = null;
  let failing = false;
  let retry: NodeJS.Timeout | undefined;
  let droppedLoggedAt = 0;

  const flush = (): Promise<void> => {
    if (writing || !buffer.length) return writing ?? Promise.resolve();
    clearTimeout(retry);
    retry = undefined;
    const batch = buffer.splice(0, MAX_ROWS_PER_INSERT);
    const done = waiters;
    waiters = [];
    const stopTimer = metrics.writeSeconds.startTimer();
    writing = pool
      .query(INSERT, [
        batch.map((event) => event.id),
        batch.map((event) => event.occurredAt),
        batch.map((event) => JSON.stringify(event, storable)),
      ])
      .then(
        () => {
          stopTimer();
          failing = false;
          metrics.written.inc(batch.length);
          metrics.writeBatch.observe(batch.length);
          options.onWritten?.();
        },
        (error: unknown) => {
          // Kept, oldest first, for the next try; the requests waiting on them go on without.
          buffer = [...batch, ...buffer];
          if (!failing)
            logger.error({ err: error, events: batch.length }, 'access events not written; kept in memory');
          failing = true;
          metrics.writeFailures.inc();
          retry ??= setTimeout(() => void flush(), 1000);
          retry.unref();
        },
      )
      .finally(() => {
        writing = null;
        for (const resolve of done) resolve();
        if (buffer.length && !failing) void flush();
      });
    return writing;
  };

  return {
    /** Queues a request's events; resolves once they are written (or cannot be now). */
    append(events: AuditEventInput[]): Promise<void> {
      if (!events.length) return Promise.resolve();
      if (buffer.length + events.length > maxBuffered) {
        metrics.dropped.inc(events.length);
        if (Date.now() - droppedLoggedAt > 30_000) {
          droppedLoggedAt = Date.now();
          logger.error(
            { buffered: buffer.length },
            'access events dropped: PostgreSQL unreachable and the buffer full',
          );
        }
        return Promise.resolve();
      }
      buffer.push(...events);
      if (failing || maxWaitMs === 0) {
        void flush();
        return Promise.resolve();
      }
      const written = new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, maxWaitMs).unref();
      });
      void flush();
      return written;
    },
    /** Events not yet written. */
    buffered: () => buffer.length,
    /** Writes what is buffered (shutdown); gives up after `timeoutMs`. */
    async close(timeoutMs = 5000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while ((buffer.length || writing) && Date.now() < deadline) {
        await flush();
        if (failing) break;
      }
      clearTimeout(retry);
      if (buffer.length) {
        metrics.dropped.inc(buffer.length);
        logger.error({ events: buffer.length }, 'access events lost at shutdown: PostgreSQL unreachable');
      }
    },
  };
}

export type AccessOutboxWriter = ReturnType<typeof createAccessOutboxWriter>;
