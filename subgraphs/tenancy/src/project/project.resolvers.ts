import type { Resolvers } from '../generated/resolvers.ts';
import { canSeeProject, projectRoleOf } from '../access.ts';
import { recordTenancyEvent } from '../audit.ts';
import { CreateProjectInput, parseInput } from '../input.ts';
import { isId } from '../../../../platform/ids.ts';
import { existing } from '../loaders.ts';
import { createProject } from './project.repository.ts';
import { firstOf } from '../../../runtime/page.ts';
import { openName, organizationSubject, projectNamePlace } from '../sealed-names.ts';

export const projectResolvers: Resolvers = {
  Query: {
    project: async (_parent, { id }, ctx) => {
      const project = isId(id) ? await ctx.loaders.project.load(id) : null;
      return project && canSeeProject(ctx.principal, project) ? project : null;
    },
  },
  Mutation: {
    createProject: async (_parent, args, ctx) => {
      const input = parseInput(CreateProjectInput, args);
      const project = await createProject(ctx.em, {
        organizationId: input.organizationId,
        sealName: (id) =>
          ctx.sealer.sealField(organizationSubject(input.organizationId), input.name, projectNamePlace(id)),
      });
      ctx.loaders.projectsByOrganization.clear(project.organizationId);
      await recordTenancyEvent(ctx, {
        action: 'tenancy.project.created',
        organizationId: project.organizationId,
        target: { type: 'Project', id: project.id },
        metadata: { name: input.name },
      });
      return project;
    },
  },
  Project: {
    __resolveReference: async (reference, ctx) => {
      const project = await ctx.loaders.project.load(reference.id);
      return project && canSeeProject(ctx.principal, project) ? project : null;
    },
    name: (project, _args, ctx) => openName(ctx.sealer, project.name, projectNamePlace(project.id)),
    organization: (project, _args, ctx) =>
      existing(ctx.loaders.organization.load(project.organizationId), 'Organization'),
    viewerRole: (project, _args, ctx) => projectRoleOf(ctx.principal, project),
    members: async (project, { first }, ctx) =>
      firstOf(await ctx.loaders.projectMembershipsByProject.load(project.id), first),
  },
};
