import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../../../platform/errors.ts';
import { Organization } from '../organization/organization.entity.ts';
import { plainRows } from '../../../runtime/plain-rows.ts';
import { Project, type ProjectRow } from './project.entity.ts';

export interface NewProject {
  organizationId: string;
  /** Seals the name for the new project's row. */
  sealName: (id: string) => Promise<string>;
}

// Read-only hops: plain rows (a mutation finds the entity it changes itself).
export function projectsByIds(em: EntityManager, ids: readonly string[]): Promise<ProjectRow[]> {
  return plainRows(em, Project, { id: { $in: [...ids] } });
}

export function projectsOfOrganizations(
  em: EntityManager,
  organizationIds: readonly string[],
): Promise<ProjectRow[]> {
  return plainRows(em, Project, { organizationId: { $in: [...organizationIds] } }, { id: 'asc' });
}

/** Creates a project in an organization of the transaction's scope (NOT_FOUND otherwise). */
export async function createProject(em: EntityManager, input: NewProject): Promise<Project> {
  const organization = await em.findOne(Organization, { id: input.organizationId });
  if (!organization) throw notFound('Organization');
  const id = crypto.randomUUID();
  const project = em.create(Project, { id, organizationId: organization.id, name: await input.sealName(id) });
  await em.flush();
  return project;
}
