import { rule, type IRules } from '../../../runtime/shield.ts';
import { canReadMembers, canReadOrganization, isOrganizationAdmin } from '../access.ts';
import type { TenancyContext } from '../context.ts';
import { isUser, isUserOrTenancyPartner, onArgumentOrganization, policyRefusalIn } from '../rules.ts';

const mayReadOrganization = rule({ cache: 'no_cache' })(
  (organization: { id: string }, _args, ctx: TenancyContext) =>
    canReadOrganization(ctx.principal, organization.id),
);

const mayReadMembers = rule({ cache: 'no_cache' })(
  (organization: { id: string }, _args, ctx: TenancyContext) =>
    policyRefusalIn(ctx.principal, organization.id) ?? canReadMembers(ctx.principal, organization.id),
);

// Its id, name and status stay readable to a member its policy refuses (`me` lists where they
// belong, and what to do); its projects and members do not.
const mayReadProjects = rule({ cache: 'no_cache' })(
  (organization: { id: string }, _args, ctx: TenancyContext) =>
    policyRefusalIn(ctx.principal, organization.id) ?? canReadOrganization(ctx.principal, organization.id),
);

// Another tenant's organization never gets this far: the tenant filter and RLS hide it, and the
// queries answer null.
export const organizationPermissions: IRules = {
  Query: { organizations: isUserOrTenancyPartner, organization: isUserOrTenancyPartner },
  Mutation: {
    createOrganization: isUser,
    endContract: onArgumentOrganization(isOrganizationAdmin),
  },
  Organization: {
    id: mayReadOrganization,
    name: mayReadOrganization,
    region: mayReadOrganization,
    status: mayReadOrganization,
    contractEndsAt: mayReadOrganization,
    // Admins, and partner keys with members:read.
    members: mayReadMembers,
    // The resolver narrows the list to the projects the principal may see.
    projects: mayReadProjects,
  },
};
