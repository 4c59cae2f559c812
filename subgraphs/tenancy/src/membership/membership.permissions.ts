import { isAuthenticated, isGateway, isSelf, isService } from '../../../runtime/rules.ts';
import { or, rule, type IRules } from '../../../runtime/shield.ts';
import { canReadMembers, canReadProjectMembers, isOrganizationAdmin } from '../access.ts';
import type { TenancyContext } from '../context.ts';
import { onArgumentOrganization } from '../rules.ts';
import type { Membership } from './membership.entity.ts';
import type { ProjectMembership } from './project-membership.entity.ts';

// Every field of a membership asks the same question of the same row: answered once per row (the
// rule's cache key is the row's id), not once per field, which a list of thousands notices.
const isOwn = (ctx: TenancyContext, userId: string) =>
  (ctx.principal.kind === 'user' && ctx.principal.userId === userId) || ctx.signedInUserId === userId;

const mayReadMembership = rule({ cache: (membership: Membership) => `membership:${membership.id}` })(
  (membership: Membership, _args, ctx: TenancyContext) =>
    isOwn(ctx, membership.userId) || canReadMembers(ctx.principal, membership.organizationId),
);

const mayReadProjectMembership = rule({
  cache: (membership: ProjectMembership) => `project-membership:${membership.id}`,
})(
  (membership: ProjectMembership, _args, ctx: TenancyContext) =>
    isOwn(ctx, membership.userId) ||
    canReadProjectMembers(ctx.principal, {
      id: membership.projectId,
      organizationId: membership.organizationId,
    }),
);

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
    // Identity and lifecycle check that a member belongs to the organization an admin acts on, and
    // lifecycle that a download link's holder is still an admin of the export's organization.
    organizationMembership: or(isIdentity, isLifecycle),
    // Lifecycle refuses to delete the account of an organization's last admin.
    soleAdminOrganizations: isLifecycle,
    // Lifecycle mails an organization's admins when its contract ends.
    organizationAdmins: or(isLifecycle, isAudit),
    // Audit addresses an incident to organizations by id (operators see ids, names and counts).
    organizationIds: isAudit,
    // Identity resolves another user's profile only for a principal sharing an organization with them.
    membersAmong: isIdentity,
  },
  Mutation: {
    changeMemberRole: isAdminOfArgumentOrganization,
    removeMember: isAdminOfArgumentOrganization,
  },
  Membership: { '*': mayReadMembership },
  ProjectMembership: { '*': mayReadProjectMembership },
  // Reached only through a membership the principal may read; identity guards the rest of User.
  User: { id: isAuthenticated, memberships: isSelfUser },
  PrincipalMembership: {
    organizationId: or(isGateway, isIdentity, isAudit, isLifecycle),
    role: or(isGateway, isIdentity, isLifecycle),
    projects: or(isGateway, isIdentity),
  },
  PrincipalProjectRole: { '*': or(isGateway, isIdentity) },
};
