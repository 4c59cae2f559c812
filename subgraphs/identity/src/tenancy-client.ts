import DataLoader from 'dataloader';
import { tenantIdsOf } from '../../../platform/principal.ts';
import { isId } from '../../../platform/ids.ts';
import type { IdentityContext } from './context.ts';
import { membersAmongOperation } from '../../../contracts/operations/tenancy/members-among.ts';
import { organizationMembershipOperation } from '../../../contracts/operations/tenancy/organization-membership.ts';

/** Whether the user belongs to the organization: tenancy owns memberships, so identity asks it. */
export async function isMemberOf(
  ctx: IdentityContext,
  organizationId: string,
  userId: string,
): Promise<boolean> {
  if (!isId(organizationId) || !isId(userId)) return false;
  if (!ctx.internal) throw new Error('identity has no service key to call tenancy');
  const { organizationMembership } = await ctx.internal(
    organizationMembershipOperation,
    { organizationId, userId },
    ctx.origin,
  );
  return organizationMembership !== null;
}

const visibility = new WeakMap<IdentityContext, DataLoader<string, boolean>>();

/**
 * Whether the principal may see this user's profile: itself, or a member of one of the principal's
 * organizations. A user tenancy vouched for in this client request (as a member of one of them,
 * platform/member-attestation.ts) is; the others are asked of tenancy once per request for all the
 * users it resolves (DataLoader).
 */
export async function shareAnOrganization(ctx: IdentityContext, userId: string): Promise<boolean> {
  const organizationIds = tenantIdsOf(ctx.principal);
  if (!organizationIds.length || !isId(userId)) return false;
  if (ctx.attestedMembers().has(userId)) return true;
  let loader = visibility.get(ctx);
  if (!loader) {
    loader = new DataLoader<string, boolean>(async (userIds) => {
      if (!ctx.internal) throw new Error('identity has no service key to call tenancy');
      const { membersAmong } = await ctx.internal(
        membersAmongOperation,
        { organizationIds, userIds: [...userIds] },
        ctx.origin,
      );
      const members = new Set(membersAmong);
      return userIds.map((id) => members.has(id));
    });
    visibility.set(ctx, loader);
  }
  return loader.load(userId);
}
