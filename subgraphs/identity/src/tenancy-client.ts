import type { IdentityContext } from './context.ts';

const ORGANIZATION_MEMBERSHIP = /* GraphQL */ `
  query OrganizationMembership($organizationId: ID!, $userId: ID!) {
    organizationMembership(organizationId: $organizationId, userId: $userId) {
      role
    }
  }
`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the user belongs to the organization: tenancy owns memberships, so identity asks it. */
export async function isMemberOf(
  ctx: IdentityContext,
  organizationId: string,
  userId: string,
): Promise<boolean> {
  if (!UUID.test(organizationId) || !UUID.test(userId)) return false;
  if (!ctx.internal) throw new Error('identity has no service key to call tenancy');
  const { organizationMembership } = await ctx.internal<{ organizationMembership: { role: string } | null }>(
    'tenancy',
    ORGANIZATION_MEMBERSHIP,
    { organizationId, userId },
    ctx.origin,
  );
  return organizationMembership !== null;
}
