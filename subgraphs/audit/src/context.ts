import type { SubgraphContext } from '../../runtime/context.ts';

/** The audit subgraph batches nothing yet: its one query is a single keyset scan. */
export type AuditLoaders = Record<string, never>;

export type AuditContext = SubgraphContext<AuditLoaders>;
