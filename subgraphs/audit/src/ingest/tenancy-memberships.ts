import type { AuditContext } from '../context.ts';
import { principalOrganizationsOperation } from '../../../../contracts/operations/tenancy/principal-organizations.ts';

/**
 * The organizations each user belongs to now, asked of tenancy as the audit service. One call per
 * user: tenancy scopes each call's transaction to the one user it reads.
 */
export async function organizationsOfUsers(
  ctx: AuditContext,
  userIds: string[],
): Promise<Map<string, string[]>> {
  const { internal } = ctx;
  if (userIds.length === 0) return new Map();
  if (!internal) throw new Error('The audit subgraph has no service key: it cannot ask tenancy');
  const answers = await Promise.all(
    userIds.map(async (userId) => {
      const data = await internal(principalOrganizationsOperation, { userId }, ctx.origin);
      return [userId, data.principalMemberships.map((m) => m.organizationId.toLowerCase())] as const;
    }),
  );
  return new Map(answers);
}
