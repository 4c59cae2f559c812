import { z } from 'zod';
import type { RouteContract } from './contract.ts';

/**
 * POST DestroyBody: destroys a subject's data in the serving subgraph, batch by batch, within a
 * time budget → DestroyResponse. Idempotent per requestId: a retry goes on where it stopped.
 */
export const subjectDataDestroyRoute = {
  path: '/internal/lifecycle/destroy',
  method: 'POST',
  owner: 'every subgraph',
  callers: ['lifecycle'],
} as const satisfies RouteContract;

export const SUBJECT_DESTROY_PATH = subjectDataDestroyRoute.path;

export const DestroyBody = z.object({
  requestId: z.uuid(),
  subject: z.union([
    z.object({ organizationId: z.uuid(), userId: z.undefined().optional() }),
    z.object({ userId: z.uuid(), organizationId: z.undefined().optional() }),
  ]),
  /** Secret of this deletion's pseudonyms: stable across its retries, never stored. */
  pseudonymKey: z.string().min(32),
  budgetMs: z.number().int().positive().max(60_000).default(5_000),
});
export type DestroyBody = z.input<typeof DestroyBody>;

/** How a type's rows are destroyed: deleted, rewritten with pseudonyms, or kept as they are. */
export type RowStrategy = 'ERASE' | 'ANONYMIZE' | 'RETAIN';

/** One type's outcome, as a certificate lists it. */
export interface DestroyedType {
  type: string;
  strategy: RowStrategy;
  /** Rows deleted (ERASE), rewritten (ANONYMIZE) or kept as they are (RETAIN). */
  count: number;
}

export interface DestroyResponse {
  /** False when the time budget ran out first: call again, it goes on where it stopped. */
  done: boolean;
  types: DestroyedType[];
}
