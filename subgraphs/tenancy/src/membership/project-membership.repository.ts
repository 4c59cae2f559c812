import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { announcePrincipalChange } from '../../../../platform/principal-changes.ts';
import { badInput, forbidden, notFound } from '../../../../platform/errors.ts';
import { isId } from '../../../../platform/ids.ts';
import { Project } from '../project/project.entity.ts';
import { Membership } from './membership.entity.ts';
import { plainRows } from '../../../runtime/plain-rows.ts';
import {
  ProjectMembership,
  type ProjectMembershipRow,
  type ProjectRole,
} from './project-membership.entity.ts';

export interface ProjectRoleChange {
  projectId: string;
  userId: string;
  /** null removes the user from the project. */
  role: ProjectRole | null;
}

export interface ProjectRoleChanged {
  project: Project;
  /** The role the user held in the project before. */
  from: ProjectRole | null;
  /** The project membership, or null when removed. */
  projectMembership: ProjectMembership | null;
}

/** Whether the caller may make this change, once the user's current role is known. */
export type ProjectRoleGuard = (project: Project, from: ProjectRole | null) => boolean;

/** A read-only hop: plain rows (setProjectRole finds the entity it changes itself). */
export function projectMembershipsOfProjects(
  em: EntityManager,
  projectIds: readonly string[],
): Promise<ProjectMembershipRow[]> {
  return plainRows(em, ProjectMembership, { projectId: { $in: [...projectIds] } }, { id: 'asc' });
}

/**
 * Gives a member of the project's organization a role in the project, changes it, or (role null)
 * removes it. The member's row is locked, so a concurrent removal from the organization waits.
 */
export async function setProjectRole(
  em: EntityManager,
  change: ProjectRoleChange,
  mayChange: ProjectRoleGuard = () => true,
): Promise<ProjectRoleChanged> {
  const project = isId(change.projectId) ? await em.findOne(Project, { id: change.projectId }) : null;
  if (!project) throw notFound('Project');
  const member = await em.findOne(
    Membership,
    { organizationId: project.organizationId, userId: change.userId },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!member) throw badInput('The user is not a member of the organization', 'userId');
  const existing = await em.findOne(ProjectMembership, { projectId: project.id, userId: change.userId });
  const from = existing?.role ?? null;
  if (!mayChange(project, from)) throw forbidden();
  if (from === change.role) return { project, from, projectMembership: existing };
  let projectMembership: ProjectMembership | null = null;
  if (change.role === null) {
    if (existing) em.remove(existing);
  } else {
    projectMembership =
      existing ??
      em.create(ProjectMembership, {
        organizationId: project.organizationId,
        projectId: project.id,
        userId: change.userId,
        role: change.role,
      });
    projectMembership.role = change.role;
  }
  await em.flush();
  await announcePrincipalChange(em, { kind: 'user', id: change.userId });
  return { project, from, projectMembership };
}
