import { Counter, Gauge } from 'prom-client';
import type { Metrics } from '../../../platform/metrics.ts';

export interface JobKindReading {
  kind: string;
  /** Waiting (due or not yet) and running. */
  depth: number;
  /** Seconds since the oldest due job was created; 0 when none waits. */
  oldestAgeSeconds: number;
  /** Dead letters still kept (retries spent, not yet pruned). */
  deadLetters: number;
}

/** The queue's series in the subgraph's /metrics, read from the queue's tables at each scrape. */
export function registerJobMetrics(metrics: Metrics, read: () => Promise<JobKindReading[]>) {
  let last: Promise<JobKindReading[]> | null = null;
  const reading = () => (last ??= read().finally(() => setTimeout(() => (last = null), 100).unref()));
  const gauge = (name: string, help: string, pick: (r: JobKindReading) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['kind'] as const,
      registers: [metrics.registry],
      async collect() {
        for (const r of await reading()) this.set({ kind: r.kind }, pick(r));
      },
    });
  gauge('steward_jobs_depth', 'Jobs waiting or running, by kind', (r) => r.depth);
  gauge('steward_jobs_oldest_age_seconds', 'Age of the oldest due job, by kind', (r) => r.oldestAgeSeconds);
  gauge(
    'steward_jobs_dead_letters',
    'Jobs whose retries are spent, kept until pruned, by kind',
    (r) => r.deadLetters,
  );
  return {
    failures: new Counter({
      name: 'steward_jobs_failures_total',
      help: 'Job runs that failed (each try), by kind',
      labelNames: ['kind'] as const,
      registers: [metrics.registry],
    }),
    deadLettered: new Counter({
      name: 'steward_jobs_dead_lettered_total',
      help: 'Jobs that spent their retries and became dead letters, by kind',
      labelNames: ['kind'] as const,
      registers: [metrics.registry],
    }),
  };
}

/** Whether the queue started: 0 (and a failure counted per try) while it keeps trying. */
export function registerStartMetrics(metrics: Metrics) {
  const up = new Gauge({
    name: 'steward_jobs_queue_up',
    help: '1 once the job queue has started; 0 while it keeps trying (its jobs wait)',
    registers: [metrics.registry],
  });
  up.set(0);
  return {
    up,
    failures: new Counter({
      name: 'steward_jobs_start_failures_total',
      help: 'Tries to start the job queue that failed (each is retried)',
      registers: [metrics.registry],
    }),
  };
}
