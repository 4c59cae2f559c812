import { membershipIn, type Principal } from '../../kit/principal.ts';
import type { Subject } from '../../kit/lifecycle/subject-data.ts';
import type { LifecycleContext } from './context.ts';

export const isAdminOf = (principal: Principal, organizationId: string) =>
  membershipIn(principal, organizationId)?.role === 'ADMIN';

const PRINCIPAL_MEMBERSHIPS = /* GraphQL */ `
  query PrincipalMemberships($userId: ID!) {
    principalMemberships(userId: $userId) {
      organizationId
    }
  }
`;

/**
 * Whether the principal may export or delete the subject's data: an organization's admins; a
 * user themself, or an admin of an organization the user belongs to (tenancy owns memberships,
 * so lifecycle asks it).
 */
export async function mayActOnSubject(ctx: LifecycleContext, subject: Subject): Promise<boolean> {
  const { principal } = ctx;
  if (principal.kind !== 'user') return false;
  if (subject.organizationId !== undefined) return isAdminOf(principal, subject.organizationId);
  if (subject.userId === principal.userId) return true;
  if (!principal.memberships.some((m) => m.role === 'ADMIN')) return false;
  if (!ctx.internal) throw new Error('lifecycle has no service key to call tenancy');
  const { principalMemberships } = await ctx.internal<{ principalMemberships: { organizationId: string }[] }>(
    'tenancy',
    PRINCIPAL_MEMBERSHIPS,
    { userId: subject.userId },
    ctx.origin,
  );
  return principalMemberships.some((m) => isAdminOf(principal, m.organizationId));
}
