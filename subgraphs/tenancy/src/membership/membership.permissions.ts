import { isAuthenticated, isGateway, isSelf, isService } from '../../../kit/rules.ts';
import { or, rule, type IRules } from '../../../kit/shield.ts';
import { canReadMembers, canReadProjectMembers, isOrganizationAdmin } from '../access.ts';
import type { TenancyContext } from '../context.ts';
import { onArgumentOrganization } from '../rules.ts';
import type { Membership } from './membership.entity.ts';
import type { ProjectMembership } from './project-membership.entity.ts';

const mayReadMembersOfItsOrganization = rule({ cache: 'no_cache' })(
  (membership: Membership, _args, ctx: TenancyContext) =>
    canReadMembers(ctx.principal, membership.organizationId),
);

const mayReadProjectMembership = rule({ cache: 'no_cache' })(
  (membership: ProjectMembership, _args, ctx: TenancyContext) =>
    canReadProjectMembers(ctx.principal, {
      id: membership.projectId,
      organizationId: membership.organizationId,
    }),
);

const isOwnMembership = isSelf((membership: { userId: string }) => membership.userId);
const isSelfUser = isSelf((user: { id: string }) => user.id);
const isAdminOfArgumentOrganization = onArgumentOrganization(isOrganizationAdmin);
// One instance each: shield refuses two different rules under one name.
const isIdentity = isService('identity');
const isAudit = isService('audit');
const isLifecycle = isService('lifecycle');

export const membershipPermissions: IRules = {
  Query: {
    // The gateway builds principals from it; audit copies a user's own events to their organizations;
    // lifecycle checks that an admin's member belongs to their organization before exporting them.
    principalMemberships: or(isGateway, isAudit, isLifecycle),
    // Identity checks that a member belongs to the organization an admin acts on.
    organizationMembership: isIdentity,
    // Identity resolves another user's profile only for a principal sharing an organization with them.
    membersAmong: isIdentity,
  },
  Mutation: {
    changeMemberRole: isAdminOfArgumentOrganization,
    removeMember: isAdminOfArgumentOrganization,
  },
  Membership: { '*': or(isOwnMembership, mayReadMembersOfItsOrganization) },
  ProjectMembership: { '*': or(isOwnMembership, mayReadProjectMembership) },
  // Reached only through a membership the principal may read; identity guards the rest of User.
  User: { id: isAuthenticated, memberships: isSelfUser },
  PrincipalMembership: {
    organizationId: or(isGateway, isIdentity, isAudit, isLifecycle),
    role: or(isGateway, isIdentity),
    projects: or(isGateway, isIdentity),
  },
  PrincipalProjectRole: { '*': or(isGateway, isIdentity) },
};
