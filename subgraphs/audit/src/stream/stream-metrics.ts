import { Counter } from 'prom-client';
import type { Metrics } from '../../../../platform/metrics.ts';

/** Streams' deliveries: events acknowledged, and failed attempts (each retried with backoff). */
export function createStreamMetrics(metrics: Metrics | undefined) {
  const registers = metrics ? [metrics.registry] : [];
  return {
    delivered: new Counter({
      name: 'steward_audit_stream_events_delivered_total',
      help: 'Audit events acknowledged by organizations’ stream receivers',
      registers,
    }),
    failures: new Counter({
      name: 'steward_audit_stream_failures_total',
      help: 'Failed deliveries of a batch to an audit stream (refused, unreachable, timed out); each is retried',
      registers,
    }),
  };
}

export type StreamMetrics = ReturnType<typeof createStreamMetrics>;
