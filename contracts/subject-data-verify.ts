import type { RouteContract } from './contract.ts';

/**
 * GET SubjectQuery (`?organizationId=…` or `?userId=…`): what is left of a subject's destroyed
 * data in the serving subgraph (must be nothing) → VerifyResponse.
 */
export const subjectDataVerifyRoute = {
  path: '/internal/lifecycle/verify',
  method: 'GET',
  owner: 'every subgraph',
  callers: ['lifecycle'],
} as const satisfies RouteContract;

export const SUBJECT_VERIFY_PATH = subjectDataVerifyRoute.path;

export interface VerifyResponse {
  types: { type: string; remaining: number }[];
}
