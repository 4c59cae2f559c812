import type { InternalClient } from '../../../platform/internal-client.ts';
import { membershipIn, type Principal, type RequestOrigin } from '../../../platform/principal.ts';
import type { Subject } from '../../protocols/subject-data/subject-data.ts';
import type { LifecycleContext } from './context.ts';
import { principalOrganizationsOperation } from '../../../contracts/operations/tenancy/principal-organizations.ts';

export const isAdminOf = (principal: Principal, organizationId: string) =>
  membershipIn(principal, organizationId)?.role === 'ADMIN';

/** The organizations a user belongs to, asked of tenancy (which owns memberships). */
export async function organizationsOfUser(
  internal: InternalClient | null | undefined,
  userId: string,
  origin: RequestOrigin,
): Promise<string[]> {
  if (!internal) throw new Error('lifecycle has no service key to call tenancy');
  const { principalMemberships } = await internal(principalOrganizationsOperation, { userId }, origin);
  return principalMemberships.map((m) => m.organizationId);
}

/**
 * Whether the principal may export or delete the subject's data: an organization's admins; a
 * user themself, or an admin of an organization the user belongs to.
 */
export async function mayActOnSubject(ctx: LifecycleContext, subject: Subject): Promise<boolean> {
  const { principal } = ctx;
  if (principal.kind !== 'user') return false;
  if (subject.organizationId !== undefined) return isAdminOf(principal, subject.organizationId);
  if (subject.userId === principal.userId) return true;
  if (!principal.memberships.some((m) => m.role === 'ADMIN')) return false;
  const organizations = await organizationsOfUser(ctx.internal, subject.userId, ctx.origin);
  return organizations.some((organizationId) => isAdminOf(principal, organizationId));
}
