import { forbidden, notFound } from '../../kit/errors.ts';
import { isAuthenticated, isGateway, isSelf } from '../../kit/rules.ts';
import { or, rule, type IRules } from '../../kit/shield.ts';
import {
  PROJECTS_READ,
  canReadOrganization,
  canReadProjectMembers,
  canSeeProject,
  isOrganizationAdmin,
  organizationRoleOf,
  type ProjectRef,
} from './access.ts';
import type { TenancyContext } from './context.ts';
import type { Membership } from './membership/membership.entity.ts';
import type { ProjectMembership } from './membership/project-membership.entity.ts';

// Every field has a rule; anything else is denied by the kit's fallback. Rules that read the parent
// or the arguments are never cached. Another tenant's object never gets this far: the tenant filter
// and RLS hide it, and the queries answer null.

const isUser = rule({ cache: 'contextual' })(
  (_parent, _args, ctx: TenancyContext) => ctx.principal.kind === 'user',
);

const isProjectsReader = rule({ cache: 'contextual' })(
  (_parent, _args, ctx: TenancyContext) =>
    ctx.principal.kind === 'apiKey' && ctx.principal.scopes.includes(PROJECTS_READ),
);

/** Members of the organization only; a MEMBER is told FORBIDDEN, anyone else NOT_FOUND. */
const isAdminOfArgumentOrganization = rule({ cache: 'no_cache' })((
  _parent,
  args: { organizationId: string },
  ctx: TenancyContext,
) => {
  const { principal } = ctx;
  const knowsIt =
    organizationRoleOf(principal, args.organizationId) !== null ||
    (principal.kind === 'apiKey' && principal.organizationId === args.organizationId);
  if (!knowsIt) return notFound('Organization');
  return isOrganizationAdmin(principal, args.organizationId) || forbidden();
});

const mayReadOrganization = rule({ cache: 'no_cache' })(
  (organization: { id: string }, _args, ctx: TenancyContext) =>
    canReadOrganization(ctx.principal, organization.id),
);

const isAdminOfOrganization = rule({ cache: 'no_cache' })(
  (organization: { id: string }, _args, ctx: TenancyContext) =>
    isOrganizationAdmin(ctx.principal, organization.id),
);

const maySeeProject = rule({ cache: 'no_cache' })((project: ProjectRef, _args, ctx: TenancyContext) =>
  canSeeProject(ctx.principal, project),
);

const mayReadProjectMembers = rule({ cache: 'no_cache' })((project: ProjectRef, _args, ctx: TenancyContext) =>
  canReadProjectMembers(ctx.principal, project),
);

const isAdminOfMembershipOrganization = rule({ cache: 'no_cache' })(
  (membership: Membership, _args, ctx: TenancyContext) =>
    isOrganizationAdmin(ctx.principal, membership.organizationId),
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
const isUserOrProjectsReader = or(isUser, isProjectsReader);

export const tenancyPermissions: IRules = {
  Query: {
    organizations: isUserOrProjectsReader,
    organization: isUserOrProjectsReader,
    project: isUserOrProjectsReader,
    principalMemberships: isGateway,
  },
  Mutation: {
    createOrganization: isUser,
    createProject: isAdminOfArgumentOrganization,
  },
  Organization: {
    id: mayReadOrganization,
    name: mayReadOrganization,
    region: mayReadOrganization,
    status: mayReadOrganization,
    contractEndsAt: mayReadOrganization,
    members: isAdminOfOrganization,
    // The resolver narrows the list to the projects the principal may see.
    projects: mayReadOrganization,
  },
  Project: {
    id: maySeeProject,
    organizationId: maySeeProject,
    name: maySeeProject,
    organization: maySeeProject,
    members: mayReadProjectMembers,
  },
  Membership: { '*': or(isOwnMembership, isAdminOfMembershipOrganization) },
  ProjectMembership: { '*': or(isOwnMembership, mayReadProjectMembership) },
  // Reached only through a membership the principal may read; identity guards the rest of User.
  User: { id: isAuthenticated, memberships: isSelfUser },
  PrincipalMembership: { '*': isGateway },
  PrincipalProjectRole: { '*': isGateway },
};
