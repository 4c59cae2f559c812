import type { SubgraphContext } from '../../kit/subgraph-server.ts';

/** The audit subgraph batches nothing yet: its one query is a single keyset scan. */
export type AuditLoaders = Record<string, never>;

export type AuditContext = SubgraphContext<AuditLoaders>;
