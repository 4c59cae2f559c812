import pg from 'pg';
import { surviveConnectionLoss } from '../../../platform/connection-loss.ts';
import type { Logger } from 'pino';
import type { InternalClient } from '../../../platform/internal-client.ts';
import type { Metrics } from '../../../platform/metrics.ts';
import { createAccessOutboxMetrics, registerAccessOutboxBacklog } from './access-outbox-metrics.ts';
import { startAccessOutboxRelay, type AccessOutboxRelayOptions } from './access-outbox-relay.ts';
import { createAccessOutboxWriter } from './access-outbox-writer.ts';

/**
 * Tuning of the writer and the relay (tests: short leases and retries). `maxWaitMs`: longest a
 * response waits for its access events' insert (0: not at all; default 2000).
 */
export type AccessOutboxTuning = Partial<
  Pick<
    AccessOutboxRelayOptions,
    'pollMs' | 'batchSize' | 'maxBackoffMs' | 'leaseMs' | 'maxAttempts' | 'rejectRetryMs' | 'keepDeadMs'
  > & { maxWaitMs: number }
>;

export interface AccessOutboxOptions extends AccessOutboxTuning {
  /** The gateway role's URL: the outbox is `gateway.access_outbox` (platform/database.ts). */
  databaseUrl: string;
  internal: InternalClient;
  logger: Logger;
  metrics: Metrics;
}

/**
 * The gateway's durable access log: a writer that puts each request's events in PostgreSQL before
 * its response goes out, and a relay that delivers them to the audit subgraph. A pool of its own,
 * so access events never wait behind rate-limit queries, nor these behind them.
 */
export function createAccessOutbox(options: AccessOutboxOptions) {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  surviveConnectionLoss(pool, (error) =>
    options.logger.warn({ err: error }, 'access outbox connection lost'),
  );
  const metrics = createAccessOutboxMetrics(options.metrics.registry);
  const relay = startAccessOutboxRelay({ ...options, pool, metrics });
  const writer = createAccessOutboxWriter({
    pool,
    logger: options.logger,
    metrics,
    maxWaitMs: options.maxWaitMs,
    onWritten: () => relay.wake(),
  });
  registerAccessOutboxBacklog(options.metrics, pool, writer.buffered);
  return {
    append: writer.append,
    deliverNow: relay.deliverNow,
    /** Writes what is buffered, stops delivering (what is left waits in PostgreSQL), closes the pool. */
    async close(): Promise<void> {
      await writer.close();
      await relay.stop();
      await pool.end();
    },
  };
}

export type AccessOutbox = ReturnType<typeof createAccessOutbox>;
