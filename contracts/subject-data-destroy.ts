import { z } from 'zod';
import { Id } from '../platform/ids.ts';
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
  requestId: Id(),
  /** An organization, a person, or both: the organization's data about one of its members. */
  subject: z.union([
    z.object({ organizationId: Id(), userId: Id() }),
    z.object({ organizationId: Id(), userId: z.undefined().optional() }),
    z.object({ userId: Id(), organizationId: z.undefined().optional() }),
  ]),
  /** Secret of this deletion's pseudonyms: stable across its retries, never stored. */
  pseudonymKey: z.string().min(32),
  /**
   * A user's organizations as lifecycle fixed them before anything was deleted: the scope of the
   * user's rows in tenant tables (their audit events), which outlives their memberships.
   */
  organizationIds: z.array(Id()).max(10_000).default([]),
  budgetMs: z.number().int().positive().max(60_000).default(5_000),
});
export type DestroyBody = z.input<typeof DestroyBody>;

/** Why a subject's data is kept after its deletion, and at most how long (ISO-8601 duration). */
export interface Retention {
  reason: string;
  keptFor: string;
}

/** How a type's rows are destroyed: deleted, rewritten with pseudonyms, or kept as they are. */
export type RowStrategy = 'ERASE' | 'ANONYMIZE' | 'RETAIN';

/** One type's outcome, as a certificate lists it. */
export interface DestroyedType {
  type: string;
  strategy: RowStrategy;
  /** Rows deleted (ERASE), rewritten (ANONYMIZE) or kept as they are (RETAIN). */
  count: number;
  /**
   * What a kept row (ANONYMIZE, RETAIN) still holds is kept for these reasons, each at most
   * `keptFor` after the row was recorded: gone from the database by `expiresBy` at the latest.
   */
  retained?: (Retention & { expiresBy: string })[];
}

export interface DestroyResponse {
  /** False when the time budget ran out first: call again, it goes on where it stopped. */
  done: boolean;
  types: DestroyedType[];
}
