import type { SubgraphName } from '../platform/database.ts';

/**
 * Who serves an internal route or operation: one subgraph, or every subgraph alike (the
 * subject-data protocol each one speaks to lifecycle).
 */
export type ContractOwner = SubgraphName | 'every subgraph';

/** Who calls it with its internal token: the gateway or a subgraph's service. */
export type ContractCaller = SubgraphName | 'gateway';

/** An internal HTTP route: served beside the owner's /graphql, behind the internal-token check. */
export interface RouteContract {
  path: string;
  method: 'GET' | 'POST';
  owner: ContractOwner;
  callers: readonly ContractCaller[];
}
