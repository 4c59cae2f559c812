import { Counter } from 'prom-client';
import type { Metrics } from '../../../../platform/metrics.ts';

/** Chains found broken by the checkpointer or a full verification; checkpoints signed. */
export function createChainMetrics(metrics: Metrics | undefined) {
  const registers = metrics ? [metrics.registry] : [];
  return {
    broken: new Counter({
      name: 'steward_audit_chain_broken_total',
      help: 'Organizations’ audit chains found broken by a full verification or the checkpointer',
      labelNames: ['by'] as const,
      registers,
    }),
    checkpoints: new Counter({
      name: 'steward_audit_chain_checkpoints_total',
      help: 'Verified checkpoints signed, where auditChain starts re-hashing',
      registers,
    }),
  };
}

export type ChainMetrics = ReturnType<typeof createChainMetrics>;
