import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../../kit/errors.ts';
import { Project } from '../project/project.entity.ts';
import { Membership } from './membership.entity.ts';
import { ProjectMembership, type ProjectRole } from './project-membership.entity.ts';

export interface ProjectRoleChange {
  projectId: string;
  userId: string;
  /** null removes the user from the project. */
  role: ProjectRole | null;
}

export function projectMembershipsOfProjects(
  em: EntityManager,
  projectIds: readonly string[],
): Promise<ProjectMembership[]> {
  return em.find(ProjectMembership, { projectId: { $in: [...projectIds] } }, { orderBy: { id: 'asc' } });
}

/**
 * Gives a member of the project's organization a role in the project, changes it, or (role null)
 * removes it. Returns the project membership, or null when removed.
 */
export async function setProjectRole(
  em: EntityManager,
  change: ProjectRoleChange,
): Promise<ProjectMembership | null> {
  const project = await em.findOne(Project, { id: change.projectId });
  if (!project) throw notFound('Project');
  const member = await em.findOne(Membership, {
    organizationId: project.organizationId,
    userId: change.userId,
  });
  if (!member) throw badInput('The user is not a member of the organization', 'userId');
  const existing = await em.findOne(ProjectMembership, { projectId: project.id, userId: change.userId });
  if (change.role === null) {
    if (existing) em.remove(existing);
    await em.flush();
    return null;
  }
  const projectMembership =
    existing ??
    em.create(ProjectMembership, {
      organizationId: project.organizationId,
      projectId: project.id,
      userId: change.userId,
      role: change.role,
    });
  projectMembership.role = change.role;
  await em.flush();
  return projectMembership;
}
