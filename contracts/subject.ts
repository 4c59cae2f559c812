import { z } from 'zod';

/** Whose data a subject-data route works on: one organization or one user, never both. */
export type Subject = { organizationId: string; userId?: never } | { userId: string; organizationId?: never };

/** `?organizationId=…` or `?userId=…` (exactly one; an empty one counts as absent). */
export const SubjectQuery = z.union([
  z.object({ organizationId: z.guid(), userId: z.undefined() }),
  z.object({ userId: z.guid(), organizationId: z.undefined() }),
]);

/** The subject a query string names; null unless it names exactly one by a well-formed id. */
export function parseSubjectQuery(params: URLSearchParams): Subject | null {
  const parsed = SubjectQuery.safeParse({
    organizationId: params.get('organizationId') || undefined,
    userId: params.get('userId') || undefined,
  });
  if (!parsed.success) return null;
  const { organizationId, userId } = parsed.data;
  return organizationId !== undefined ? { organizationId } : { userId: userId! };
}
