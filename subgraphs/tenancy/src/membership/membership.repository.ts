import type { EntityManager } from '@mikro-orm/postgresql';
import type { MembershipClaim } from '../../../kit/principal.ts';
import { notFound } from '../../../kit/errors.ts';
import { Organization } from '../organization/organization.entity.ts';
import { Membership, type OrganizationRole } from './membership.entity.ts';
import { ProjectMembership } from './project-membership.entity.ts';

export interface NewMember {
  organizationId: string;
  userId: string;
  role: OrganizationRole;
}

export function membershipsOfUsers(em: EntityManager, userIds: readonly string[]): Promise<Membership[]> {
  return em.find(Membership, { userId: { $in: [...userIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

export function membershipsOfOrganizations(
  em: EntityManager,
  organizationIds: readonly string[],
): Promise<Membership[]> {
  return em.find(
    Membership,
    { organizationId: { $in: [...organizationIds] } },
    { orderBy: { createdAt: 'asc', id: 'asc' } },
  );
}

/** Adds a user to an organization of the scope, or changes the role they already hold there. */
export async function addMember(em: EntityManager, input: NewMember): Promise<Membership> {
  const organization = await em.findOne(Organization, { id: input.organizationId });
  if (!organization) throw notFound('Organization');
  const existing = await em.findOne(Membership, { organizationId: organization.id, userId: input.userId });
  const membership =
    existing ??
    em.create(Membership, { organizationId: organization.id, userId: input.userId, role: input.role });
  membership.role = input.role;
  await em.flush();
  return membership;
}

/**
 * A user's memberships with their project roles, shaped as the principal's claims. The caller
 * must have the user in the transaction's scope (`tx.extendScope({ userId })`).
 */
export async function principalMembershipsOf(em: EntityManager, userId: string): Promise<MembershipClaim[]> {
  const [memberships, projectRoles] = await Promise.all([
    em.find(Membership, { userId }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
    em.find(ProjectMembership, { userId }, { orderBy: { projectId: 'asc' } }),
  ]);
  return memberships.map((m) => ({
    organizationId: m.organizationId,
    role: m.role,
    projects: projectRoles
      .filter((p) => p.organizationId === m.organizationId)
      .map((p) => ({ projectId: p.projectId, role: p.role })),
  }));
}
