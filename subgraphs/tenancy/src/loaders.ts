import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { notFound } from '../../../platform/errors.ts';
import { createGroupLoader, createKeyLoader } from '../../runtime/loaders.ts';
import { organizationsByIds } from './organization/organization.repository.ts';
import { projectsByIds, projectsOfOrganizations } from './project/project.repository.ts';
import { membershipsOfOrganizations, membershipsOfUsers } from './membership/membership.repository.ts';
import { projectMembershipsOfProjects } from './membership/project-membership.repository.ts';
import type { ContentSealer } from '../../../platform/crypto/sealed-content.ts';
import { byOpenedName, projectNamePlace } from './sealed-names.ts';

/** Rows a list hop already fetched need no second query when a later hop asks for them by id. */
export function primed<V extends { id: string }>(loader: DataLoader<string, V | null>, values: V[]): V[] {
  for (const value of values) loader.prime(value.id, value);
  return values;
}

/** Non-null hops: a row the tenant filter hides is NOT_FOUND, never a null in a non-null field. */
export async function existing<T>(value: Promise<T | null>, what: string): Promise<T> {
  const found = await value;
  if (found === null) throw notFound(what);
  return found;
}

/** One loader per entity and per list hop: one query per type per request, whatever the list size. */
export function createTenancyLoaders(em: EntityManager, sealer: ContentSealer) {
  const organization = createKeyLoader(
    (ids: readonly string[]) => organizationsByIds(em, ids),
    (o) => o.id,
  );
  const project = createKeyLoader(
    (ids: readonly string[]) => projectsByIds(em, ids),
    (p) => p.id,
  );
  return {
    organization,
    project,
    projectsByOrganization: createGroupLoader(
      async (ids: readonly string[]) =>
        primed(project, await byOpenedName(sealer, await projectsOfOrganizations(em, ids), projectNamePlace)),
      (p) => p.organizationId,
    ),
    membershipsByUser: createGroupLoader(
      async (ids: readonly string[]) => {
        // Their organizations came in the same query: `Membership.organization` reads none. A
        // membership whose organization this request may not read (a sign-in policy refusing the
        // session, which the gateway leaves out of the principal) is not listed: its
        // organization would be a null in a non-null field, or its data.
        const memberships = (await membershipsOfUsers(em, ids)).filter((m) => m.organizationRow);
        for (const m of memberships) organization.prime(m.organizationId, m.organizationRow ?? null);
        return memberships;
      },
      (m) => m.userId,
    ),
    membershipsByOrganization: createGroupLoader(
      (ids: readonly string[]) => membershipsOfOrganizations(em, ids),
      (m) => m.organizationId,
    ),
    projectMembershipsByProject: createGroupLoader(
      (ids: readonly string[]) => projectMembershipsOfProjects(em, ids),
      (m) => m.projectId,
    ),
  };
}

export type TenancyLoaders = ReturnType<typeof createTenancyLoaders>;
