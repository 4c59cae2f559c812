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

/**
 * An internal GraphQL operation (fields hidden from the public graph with @inaccessible), sent to
 * its owner's /graphql with the caller's internal token. Its result and variables types are
 * generated from the document against the owner's schema (`npm run codegen`).
 */
export interface OperationContract<TResult, TVariables> {
  owner: SubgraphName;
  callers: readonly ContractCaller[];
  document: string;
  /** Carries the generated types; never set. */
  readonly types?: { result: TResult; variables: TVariables };
}

export const operationContract = <TResult, TVariables>(
  contract: Omit<OperationContract<TResult, TVariables>, 'types'>,
): OperationContract<TResult, TVariables> => contract;
