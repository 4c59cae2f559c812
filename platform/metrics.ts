import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** One Prometheus registry per service: process metrics plus GraphQL requests by operation and outcome. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'steward_graphql_requests_total',
      help: 'GraphQL operations by operation name, type and outcome',
      labelNames: ['operation', 'type', 'outcome'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'steward_graphql_request_duration_seconds',
      help: 'Time from request to response, by operation type',
      labelNames: ['type'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
export { LATENCY_BUCKETS };

/** The `operation` label of an operation whose name is not known. */
export const OTHER_OPERATION = 'other';

/**
 * Bounds the `operation` label: a client names its operations as it likes, and every new name
 * would be a new series. Known names are the schema's root fields (clients often name an operation
 * after the field it calls) and the configured list (METRICS_OPERATIONS, e.g. a front end's
 * persisted operations); any other name counts as `other`, an unnamed operation as `anonymous`.
 * A subgraph sees the gateway's names for its fetches, `<client name>__<subgraph>__<n>`, and
 * labels them by the client's name.
 */
export function operationLabels(configured: readonly string[] = []) {
  let known = new Set(configured);
  return {
    learn(schema: GraphQLSchema): void {
      const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
      known = new Set([...configured, ...roots.flatMap((type) => Object.keys(type?.getFields() ?? {}))]);
    },
    labelOf(operationName: string | null | undefined): string {
      if (!operationName) return 'anonymous';
      const name = operationName.replace(/__[A-Za-z0-9_]+__\d+$/, '');
      return known.has(name) ? name : OTHER_OPERATION;
    },
  };
}

/** Counts and times every operation: the same series on the gateway and on every subgraph. */
export function metricsPlugin<TContext extends BaseContext>(
  metrics: Metrics,
  operationNames: readonly string[] = [],
): ApolloServerPlugin<TContext> {
  const labels = operationLabels(operationNames);
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate: ({ apiSchema }) => labels.learn(apiSchema),
      };
    },
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, errors }) {
          const type = operation?.operation ?? 'unknown';
          const outcome = errors?.length ? String(errors[0]?.extensions?.code ?? 'error') : 'ok';
          metrics.requests.inc({ operation: labels.labelOf(operationName), type, outcome });
          metrics.duration.observe({ type }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}

export interface QueueReading {
  queue: string;
  depth: number;
  oldestAgeSeconds: number;
}

/** Depth and age of background queues (an outbox, jobs), read when Prometheus scrapes. */
export function registerQueueMetrics(metrics: Metrics, read: () => Promise<QueueReading[]>): void {
  let last: Promise<QueueReading[]> | null = null;
  // Both gauges collect from one reading per scrape.
  const reading = () => (last ??= read().finally(() => setTimeout(() => (last = null), 100).unref()));
  new Gauge({
    name: 'steward_job_queue_depth',
    help: 'Background work waiting, by queue',
    labelNames: ['queue'] as const,
    registers: [metrics.registry],
    async collect() {
      for (const r of await reading()) this.set({ queue: r.queue }, r.depth);
    },
  });
  new Gauge({
    name: 'steward_job_queue_oldest_age_seconds',
    help: 'Age of the oldest waiting item, by queue',
    labelNames: ['queue'] as const,
    registers: [metrics.registry],
    async collect() {
      for (const r of await reading()) this.set({ queue: r.queue }, r.oldestAgeSeconds);
    },
  });
}
