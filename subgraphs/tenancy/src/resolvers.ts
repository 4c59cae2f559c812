import { scalarResolvers } from '../../kit/scalars.ts';
import { badInput, forbidden, notFound } from '../../kit/errors.ts';
import type { Resolvers } from './generated/resolvers.ts';
import { canSeeProject, withMembership } from './access.ts';
import { CreateOrganizationInput, CreateProjectInput, isId, parseInput } from './input.ts';
import { createOrganization, organizationsInScope } from './organization/organization.repository.ts';
import { createProject } from './project/project.repository.ts';
import { primed } from './loaders.ts';
import { principalMembershipsOf } from './membership/membership.repository.ts';

const userReference = (id: string) => ({ __typename: 'User' as const, id });

/** Non-null hops: a row the tenant filter hides is NOT_FOUND, never a null in a non-null field. */
async function existing<T>(value: Promise<T | null>, what: string): Promise<T> {
  const found = await value;
  if (found === null) throw notFound(what);
  return found;
}

export function createTenancyResolvers(): Resolvers {
  return {
    DateTime: scalarResolvers.DateTime,
    Query: {
      organizations: async (_parent, _args, ctx) =>
        primed(ctx.loaders.organization, await organizationsInScope(ctx.em)),
      // Out of scope, unknown and malformed ids all answer null: another tenant's id is never confirmed.
      organization: (_parent, { id }, ctx) => (isId(id) ? ctx.loaders.organization.load(id) : null),
      project: async (_parent, { id }, ctx) => {
        const project = isId(id) ? await ctx.loaders.project.load(id) : null;
        return project && canSeeProject(ctx.principal, project) ? project : null;
      },
      principalMemberships: async (_parent, { userId }, ctx) => {
        if (!isId(userId)) throw badInput('Not a user id', 'userId');
        await ctx.tx.extendScope({ userId });
        return principalMembershipsOf(ctx.em, userId);
      },
    },
    Mutation: {
      createOrganization: async (_parent, args, ctx) => {
        if (ctx.principal.kind !== 'user') throw forbidden();
        const input = parseInput(CreateOrganizationInput, args);
        const organization = await createOrganization(ctx.em, ctx.tx, {
          ...input,
          creatorId: ctx.principal.userId,
        });
        ctx.principal = withMembership(ctx.principal, {
          organizationId: organization.id,
          role: 'ADMIN',
          projects: [],
        });
        return organization;
      },
      createProject: async (_parent, args, ctx) => {
        const input = parseInput(CreateProjectInput, args);
        const project = await createProject(ctx.em, input);
        ctx.loaders.projectsByOrganization.clear(project.organizationId);
        return project;
      },
    },
    Organization: {
      __resolveReference: (reference, ctx) => ctx.loaders.organization.load(reference.id),
      members: (organization, _args, ctx) => ctx.loaders.membershipsByOrganization.load(organization.id),
      projects: async (organization, _args, ctx) => {
        const projects = await ctx.loaders.projectsByOrganization.load(organization.id);
        return projects.filter((project) => canSeeProject(ctx.principal, project));
      },
    },
    Project: {
      __resolveReference: async (reference, ctx) => {
        const project = await ctx.loaders.project.load(reference.id);
        return project && canSeeProject(ctx.principal, project) ? project : null;
      },
      organization: (project, _args, ctx) =>
        existing(ctx.loaders.organization.load(project.organizationId), 'Organization'),
      members: (project, _args, ctx) => ctx.loaders.projectMembershipsByProject.load(project.id),
    },
    Membership: {
      user: (membership) => userReference(membership.userId),
      organization: (membership, _args, ctx) =>
        existing(ctx.loaders.organization.load(membership.organizationId), 'Organization'),
    },
    ProjectMembership: {
      user: (membership) => userReference(membership.userId),
      project: (membership, _args, ctx) =>
        existing(ctx.loaders.project.load(membership.projectId), 'Project'),
    },
    User: {
      __resolveReference: (reference) => ({ id: reference.id }),
      memberships: (user, _args, ctx) => ctx.loaders.membershipsByUser.load(user.id),
    },
  };
}
