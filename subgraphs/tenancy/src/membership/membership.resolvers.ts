import { badInput } from '../../../../platform/errors.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { canSetProjectRole } from '../access.ts';
import { recordTenancyEvent } from '../audit.ts';
import { ChangeMemberRoleInput, MemberInput, SetProjectRoleInput, parseInput } from '../input.ts';
import { isId } from '../../../../platform/ids.ts';
import { tenantIdsOf, type Principal } from '../../../../platform/principal.ts';
import { existing } from '../loaders.ts';
import {
  changeMemberRole,
  membersAmong,
  membershipsOfOrganizations,
  principalMembershipsOf,
  removeMember,
  soleAdminOrganizations,
} from './membership.repository.ts';
import { setProjectRole } from './project-membership.repository.ts';
import { firstOf } from '../../../runtime/page.ts';

const userReference = (id: string) => ({ __typename: 'User' as const, id });

/**
 * A member's user, vouched for to identity when the row is of one of the principal's
 * organizations (a project membership implies the organization's: a foreign key): identity then
 * shows the profile without asking `membersAmong` (platform/member-attestation.ts).
 */
function memberReference(
  row: { organizationId: string; userId: string },
  ctx: { principal: Principal; vouchedMembers: Set<string> },
) {
  if (tenantIdsOf(ctx.principal).includes(row.organizationId)) ctx.vouchedMembers.add(row.userId);
  return userReference(row.userId);
}
const userTarget = (id: string) => ({ type: 'User', id });

export const membershipResolvers: Resolvers = {
  Query: {
    principalMemberships: async (_parent, { userId }, ctx) => {
      if (!isId(userId)) throw badInput('Not a user id', 'userId');
      await ctx.tx.extendScope({ userId });
      return principalMembershipsOf(ctx.em, userId);
    },
    organizationMembership: async (_parent, { organizationId, userId }, ctx) => {
      if (!isId(userId) || !isId(organizationId)) return null;
      await ctx.tx.extendScope({ userId });
      const claims = await principalMembershipsOf(ctx.em, userId);
      return claims.find((claim) => claim.organizationId === organizationId) ?? null;
    },
    soleAdminOrganizations: async (_parent, { userId }, ctx) => {
      if (!isId(userId)) throw badInput('Not a user id', 'userId');
      await ctx.tx.extendScope({ userId });
      const administered = (await principalMembershipsOf(ctx.em, userId))
        .filter((claim) => claim.role === 'ADMIN')
        .map((claim) => claim.organizationId);
      // Counting the other admins needs the organizations' rows: the scope covers them only.
      await ctx.tx.extendScope({ tenantIds: administered });
      return soleAdminOrganizations(ctx.em, administered);
    },
    organizationAdmins: async (_parent, { organizationId }, ctx) => {
      if (!isId(organizationId)) throw badInput('Not an organization id', 'organizationId');
      await ctx.tx.extendScope({ tenantIds: [organizationId] });
      const members = await membershipsOfOrganizations(ctx.em, [organizationId]);
      return members.filter((member) => member.role === 'ADMIN').map((member) => member.userId);
    },
    membersAmong: async (_parent, { organizationIds, userIds }, ctx) => {
      const organizations = organizationIds.filter(isId);
      const users = userIds.filter(isId);
      if (!organizations.length || !users.length) return [];
      // Identity asks on behalf of a principal of these organizations; the scope covers them only.
      await ctx.tx.extendScope({ tenantIds: organizations });
      return membersAmong(ctx.em, organizations, users);
    },
  },
  Mutation: {
    changeMemberRole: async (_parent, args, ctx) => {
      const input = parseInput(ChangeMemberRoleInput, args);
      const { membership, from } = await changeMemberRole(ctx.em, input);
      await recordTenancyEvent(ctx, {
        action: 'tenancy.member.role_changed',
        organizationId: input.organizationId,
        target: userTarget(input.userId),
        metadata: { from, to: membership.role },
      });
      return membership;
    },
    removeMember: async (_parent, args, ctx) => {
      const input = parseInput(MemberInput, args);
      const removed = await removeMember(ctx.em, input);
      await recordTenancyEvent(ctx, {
        action: 'tenancy.member.removed',
        organizationId: input.organizationId,
        target: userTarget(input.userId),
        metadata: removed,
      });
      return true;
    },
    setProjectRole: async (_parent, args, ctx) => {
      const input = parseInput(SetProjectRoleInput, args);
      const changed = await setProjectRole(ctx.em, input, (project, from) =>
        canSetProjectRole(ctx.principal, project, { from, to: input.role }),
      );
      ctx.loaders.projectMembershipsByProject.clear(input.projectId);
      await recordTenancyEvent(ctx, {
        action: 'tenancy.project_role.changed',
        organizationId: changed.project.organizationId,
        target: userTarget(input.userId),
        metadata: { projectId: changed.project.id, from: changed.from, to: input.role },
      });
      return changed.projectMembership;
    },
  },
  Membership: {
    user: (membership, _args, ctx) => memberReference(membership, ctx),
    organization: (membership, _args, ctx) =>
      existing(ctx.loaders.organization.load(membership.organizationId), 'Organization'),
  },
  ProjectMembership: {
    user: (membership, _args, ctx) => memberReference(membership, ctx),
    project: (membership, _args, ctx) => existing(ctx.loaders.project.load(membership.projectId), 'Project'),
  },
  User: {
    __resolveReference: (reference) => ({ id: reference.id }),
    memberships: async (user, { first }, ctx) =>
      firstOf(await ctx.loaders.membershipsByUser.load(user.id), first),
  },
};
