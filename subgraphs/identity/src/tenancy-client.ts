import DataLoader from 'dataloader';
import { tenantIdsOf } from '../../../platform/principal.ts';
import { isId } from '../../../platform/ids.ts';
import type { IdentityContext } from './context.ts';

const ORGANIZATION_MEMBERSHIP = /* GraphQL */ `
  query OrganizationMembership($organizationId: ID!, $userId: ID!) {
    organizationMembership(organizationId: $organizationId, userId: $userId) {
      role
    }
  }
`;

/** Whether the user belongs to the organization: tenancy owns memberships, so identity asks it. */
export async function isMemberOf(
  ctx: IdentityContext,
  organizationId: string,
  userId: string,
): Promise<boolean> {
  if (!isId(organizationId) || !isId(userId)) return false;
  if (!ctx.internal) throw new Error('identity has no service key to call tenancy');
  const { organizationMembership } = await ctx.internal<{ organizationMembership: { role: string } | null }>(
    'tenancy',
    ORGANIZATION_MEMBERSHIP,
    { organizationId, userId },
    ctx.origin,
  );
  return organizationMembership !== null;
}

const MEMBERS_AMONG = /* GraphQL */ `
  query MembersAmong($organizationIds: [ID!]!, $userIds: [ID!]!) {
    membersAmong(organizationIds: $organizationIds, userIds: $userIds)
  }
`;

const visibility = new WeakMap<IdentityContext, DataLoader<string, boolean>>();

/**
 * Whether the principal may see this user's profile: itself, or a member of one of the principal's
 * organizations. Asked of tenancy once per request for all the users it resolves (DataLoader).
 */
export async function shareAnOrganization(ctx: IdentityContext, userId: string): Promise<boolean> {
  const organizationIds = tenantIdsOf(ctx.principal);
  if (!organizationIds.length || !isId(userId)) return false;
  let loader = visibility.get(ctx);
  if (!loader) {
    loader = new DataLoader<string, boolean>(async (userIds) => {
      if (!ctx.internal) throw new Error('identity has no service key to call tenancy');
      const { membersAmong } = await ctx.internal<{ membersAmong: string[] }>(
        'tenancy',
        MEMBERS_AMONG,
        { organizationIds, userIds },
        ctx.origin,
      );
      const members = new Set(membersAmong);
      return userIds.map((id) => members.has(id));
    });
    visibility.set(ctx, loader);
  }
  return loader.load(userId);
}
