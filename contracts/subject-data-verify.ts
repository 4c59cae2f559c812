import type { RouteContract } from './contract.ts';
import { DestroyBody } from './subject-data-destroy.ts';

/**
 * POST VerifyBody (`{ subject, organizationIds }`, as for destroying), or GET SubjectQuery
 * (`?organizationId=…`, `?userId=…` or both): what is left of a subject's destroyed data in the
 * serving subgraph (must be nothing) → VerifyResponse.
 */
export const subjectDataVerifyRoute = {
  path: '/internal/lifecycle/verify',
  method: 'POST',
  owner: 'every subgraph',
  callers: ['lifecycle'],
} as const satisfies RouteContract;

export const SUBJECT_VERIFY_PATH = subjectDataVerifyRoute.path;

export const VerifyBody = DestroyBody.pick({ subject: true, organizationIds: true });

export interface VerifyResponse {
  types: { type: string; remaining: number }[];
}
