import { z } from 'zod';
import { Id } from '../platform/ids.ts';

/**
 * Whose data a subject-data route works on: an organization's (all of it); a person's (their whole
 * account, every organization); or a member's: one organization's data about one of its members
 * (the rows carrying both ids).
 */
export type Subject =
  | { organizationId: string; userId?: never }
  | { userId: string; organizationId?: never }
  | { organizationId: string; userId: string };

/** `?organizationId=…`, `?userId=…`, or both for a member (an empty one counts as absent). */
export const SubjectQuery = z.union([
  z.object({ organizationId: Id(), userId: Id() }),
  z.object({ organizationId: Id(), userId: z.undefined() }),
  z.object({ userId: Id(), organizationId: z.undefined() }),
]);

/** The subject a query string names; null unless it names one by well-formed ids. */
export function parseSubjectQuery(params: URLSearchParams): Subject | null {
  const parsed = SubjectQuery.safeParse({
    organizationId: params.get('organizationId') || undefined,
    userId: params.get('userId') || undefined,
  });
  if (!parsed.success) return null;
  const { organizationId, userId } = parsed.data;
  if (organizationId !== undefined && userId !== undefined) return { organizationId, userId };
  return organizationId !== undefined ? { organizationId } : { userId: userId! };
}
