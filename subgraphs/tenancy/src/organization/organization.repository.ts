import type { EntityManager } from '@mikro-orm/postgresql';
import { announcePrincipalChange } from '../../../../platform/principal-changes.ts';
import type { RequestTransaction } from '../../../runtime/orm.ts';
import { Organization } from './organization.entity.ts';
import { Membership } from '../membership/membership.entity.ts';
import { isId } from '../../../../platform/ids.ts';

export interface NewOrganization {
  /** Seals the name for the new organization's row (its id is known only here). */
  sealName: (id: string) => Promise<string>;
  region: string;
  /** The user who becomes the organization's first ADMIN. */
  creatorId: string;
}

/** The organizations in the transaction's tenant scope, i.e. the ones the principal belongs to. */
export function organizationsInScope(em: EntityManager): Promise<Organization[]> {
  return em.find(Organization, {}, { orderBy: { id: 'asc' } });
}

export function organizationsByIds(em: EntityManager, ids: readonly string[]): Promise<Organization[]> {
  return em.find(Organization, { id: { $in: [...ids] } });
}

/**
 * Locks an organization of the scope for the rest of the transaction and returns it (null when it
 * is not in scope). Changes that must see a stable set of members (the last-admin rule, pending
 * invitations) take this lock first, so concurrent ones run one after the other. NO KEY UPDATE
 * does not block inserts whose foreign keys point at the organization.
 */
export async function lockOrganization(em: EntityManager, id: string): Promise<Organization | null> {
  if (!isId(id)) return null;
  const locked = await em.execute<{ id: string }[]>(
    'select id from tenancy.organizations where id = ? for no key update',
    [id],
  );
  return locked.length ? em.findOne(Organization, { id }, { refresh: true }) : null;
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
  const organization = em.create(Organization, { id, name: await input.sealName(id), region: input.region });
  // Two flushes: without relations MikroORM cannot order the inserts for the foreign key.
  await em.flush();
  em.create(Membership, { organizationId: id, userId: input.creatorId, role: 'ADMIN' });
  await em.flush();
  await announcePrincipalChange(em, { kind: 'user', id: input.creatorId });
  return organization;
}
