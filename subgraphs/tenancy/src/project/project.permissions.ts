import { forbidden, notFound } from '../../../../platform/errors.ts';
import { rule, type IRules } from '../../../runtime/shield.ts';
import {
  canCreateProject,
  canReadProjectMembers,
  canSeeProject,
  projectRoleOf,
  type ProjectRef,
} from '../access.ts';
import type { TenancyContext } from '../context.ts';
import { isId } from '../../../../platform/ids.ts';
import { isUserOrTenancyPartner, onArgumentOrganization, policyRefusalIn } from '../rules.ts';

// Once per project row, whatever the number of its fields asked (the cache key is its id).
const maySeeProject = rule({ cache: (project: ProjectRef) => `project:${project.id}` })(
  (project: ProjectRef, _args, ctx: TenancyContext) =>
    policyRefusalIn(ctx.principal, project.organizationId) ?? canSeeProject(ctx.principal, project),
);

const mayReadProjectMembers = rule({ cache: 'no_cache' })(
  (project: ProjectRef, _args, ctx: TenancyContext) =>
    policyRefusalIn(ctx.principal, project.organizationId) ?? canReadProjectMembers(ctx.principal, project),
);

/**
 * Editors of the argument's project (admins are editors of every project): a project the caller
 * cannot see is NOT_FOUND, one they see without being its editor FORBIDDEN. The resolver narrows
 * what an editor may change.
 */
const isEditorOfArgumentProject = rule({ cache: 'no_cache' })(async (
  _parent,
  args: { projectId: string },
  ctx: TenancyContext,
) => {
  const project = isId(args.projectId) ? await ctx.loaders.project.load(args.projectId) : null;
  if (!project || !canSeeProject(ctx.principal, project)) return notFound('Project');
  return (
    policyRefusalIn(ctx.principal, project.organizationId) ??
    (projectRoleOf(ctx.principal, project) === 'EDITOR' || forbidden())
  );
});

export const projectPermissions: IRules = {
  Query: { project: isUserOrTenancyPartner },
  Mutation: {
    // Admins, and partner keys with projects:write.
    createProject: onArgumentOrganization(canCreateProject),
    setProjectRole: isEditorOfArgumentProject,
  },
  Project: {
    id: maySeeProject,
    organizationId: maySeeProject,
    name: maySeeProject,
    organization: maySeeProject,
    viewerRole: maySeeProject,
    members: mayReadProjectMembers,
  },
};
