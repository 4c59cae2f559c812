import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestTransaction } from '../../../kit/orm.ts';
import { Organization } from './organization.entity.ts';
import { Membership } from '../membership/membership.entity.ts';

export interface NewOrganization {
  name: string;
  region: string;
  /** The user who becomes the organization's first ADMIN. */
  creatorId: string;
}

/** The organizations in the transaction's tenant scope, i.e. the ones the principal belongs to. */
export function organizationsInScope(em: EntityManager): Promise<Organization[]> {
  return em.find(Organization, {}, { orderBy: { name: 'asc', id: 'asc' } });
}

export function organizationsByIds(em: EntityManager, ids: readonly string[]): Promise<Organization[]> {
  return em.find(Organization, { id: { $in: [...ids] } });
}

/**
 * Creates an organization with its creator as ADMIN. The new id joins the transaction's scope
 * first: RLS checks every inserted row (WITH CHECK) against that scope.
 */
export async function createOrganization(
  em: EntityManager,
  tx: RequestTransaction,
  input: NewOrganization,
): Promise<Organization> {
  const id = crypto.randomUUID();
  await tx.extendScope({ tenantIds: [id] });
  const organization = em.create(Organization, { id, name: input.name, region: input.region });
  // Two flushes: without relations MikroORM cannot order the inserts for the foreign key.
  await em.flush();
  em.create(Membership, { organizationId: id, userId: input.creatorId, role: 'ADMIN' });
  await em.flush();
  return organization;
}
