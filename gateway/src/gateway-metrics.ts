import { Counter, Histogram } from 'prom-client';
import { LATENCY_BUCKETS, createMetrics } from '../../platform/metrics.ts';

/** The gateway's series: the platform's request metrics plus subgraph calls, authentication and rate limits. */
export function createGatewayMetrics() {
  const base = createMetrics('gateway');
  const registers = [base.registry];
  return {
    ...base,
    subgraphDuration: new Histogram({
      name: 'steward_subgraph_request_duration_seconds',
      help: 'Gateway calls to subgraphs, by subgraph and outcome',
      labelNames: ['subgraph', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    authenticationFailures: new Counter({
      name: 'steward_authentication_failures_total',
      help: 'Requests refused for an invalid, expired or revoked credential',
      registers,
    }),
    rateLimited: new Counter({
      name: 'steward_rate_limited_total',
      help: 'Requests refused by the rate limiter, by the bucket that ran out',
      labelNames: ['bucket'] as const,
      registers,
    }),
    rateLimitDegraded: new Counter({
      name: 'steward_rate_limit_degraded_total',
      help: 'Requests limited by this process alone because the shared buckets in PostgreSQL were unreachable',
      registers,
    }),
    rateBucketsPruned: new Counter({
      name: 'steward_rate_buckets_pruned_total',
      help: 'Rate-limit buckets deleted once full again (an absent bucket is a full one)',
      registers,
    }),
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
