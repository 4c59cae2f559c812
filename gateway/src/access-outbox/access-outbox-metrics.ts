import type pg from 'pg';
import { Counter, Histogram, type Registry } from 'prom-client';
import { registerQueueMetrics, type Metrics, type QueueReading } from '../../../platform/metrics.ts';

export const ACCESS_OUTBOX_QUEUE = 'gateway.access_outbox';

/** The access outbox's series; its backlog joins the queue gauges (depth, oldest age). */
export function createAccessOutboxMetrics(registry: Registry) {
  const registers = [registry];
  return {
    written: new Counter({
      name: 'steward_access_events_written_total',
      help: 'Access events written to the gateway outbox',
      registers,
    }),
    writeSeconds: new Histogram({
      name: 'steward_access_outbox_write_duration_seconds',
      help: 'Time of one insert into the gateway access outbox (the wait a response may see)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    writeBatch: new Histogram({
      name: 'steward_access_outbox_write_batch_size',
      help: 'Access events per insert: the group commit at work',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers,
    }),
    writeFailures: new Counter({
      name: 'steward_access_outbox_write_failures_total',
      help: 'Inserts into the gateway access outbox that failed (the events wait in memory)',
      registers,
    }),
    dropped: new Counter({
      name: 'steward_access_events_dropped_total',
      help: 'Access events lost: PostgreSQL unreachable while the in-memory buffer was full, or at shutdown',
      registers,
    }),
    deliveryFailures: new Counter({
      name: 'steward_audit_delivery_failures_total',
      help: 'Audit deliveries that failed, by queue and kind (outage: audit unreachable; rejected: an event refused)',
      labelNames: ['queue', 'kind'] as const,
      registers,
    }),
    deadLettersExpired: new Counter({
      name: 'steward_access_dead_letters_expired_total',
      help: 'Dead access events deleted undelivered once kept as long as allowed (they hold personal data)',
      registers,
    }),
    deadLetters: new Counter({
      name: 'steward_audit_dead_letters_total',
      help: 'Audit events set aside as dead letters after being refused too often, by queue',
      labelNames: ['queue', 'kind'] as const,
      registers,
    }),
  };
}

export type AccessOutboxMetrics = ReturnType<typeof createAccessOutboxMetrics>;

/**
 * Backlog in PostgreSQL (and its dead letters), read at each scrape, plus what waits in this
 * process's memory for PostgreSQL to come back.
 */
export function registerAccessOutboxBacklog(metrics: Metrics, pool: pg.Pool, buffered: () => number): void {
  registerQueueMetrics(metrics, async (): Promise<QueueReading[]> => {
    const memory = { queue: `${ACCESS_OUTBOX_QUEUE}.memory`, depth: buffered(), oldestAgeSeconds: 0 };
    const { rows } = await pool
      .query<{ depth: string; age: number | null; dead: string; dead_age: number | null }>(
        `select count(*) filter (where dead_at is null) as depth,
                extract(epoch from now() - min(occurred_at) filter (where dead_at is null))::float8 as age,
                count(*) filter (where dead_at is not null) as dead,
                extract(epoch from now() - min(occurred_at) filter (where dead_at is not null))::float8 as dead_age
           from gateway.access_outbox`,
      )
      .catch(() => ({ rows: [] }));
    const [row] = rows;
    if (!row) return [memory];
    return [
      { queue: ACCESS_OUTBOX_QUEUE, depth: Number(row.depth), oldestAgeSeconds: row.age ?? 0 },
      { queue: `${ACCESS_OUTBOX_QUEUE}.dead`, depth: Number(row.dead), oldestAgeSeconds: row.dead_age ?? 0 },
      memory,
    ];
  });
}
