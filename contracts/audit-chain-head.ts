import type { RouteContract } from './contract.ts';

/**
 * GET `?organizationId=…`: the last event of the organization's audit chain → ChainHead, which a
 * certificate of destruction cites.
 */
export const auditChainHeadRoute = {
  path: '/internal/lifecycle/chain-head',
  method: 'GET',
  owner: 'audit',
  callers: ['lifecycle'],
} as const satisfies RouteContract;

export const CHAIN_HEAD_PATH = auditChainHeadRoute.path;

export const chainHeadPath = (organizationId: string): string =>
  `${CHAIN_HEAD_PATH}?${new URLSearchParams({ organizationId }).toString()}`;

export interface ChainHead {
  organizationId: string;
  /** Null when the organization has no event yet. */
  sequence: number | null;
  hash: string | null;
}
