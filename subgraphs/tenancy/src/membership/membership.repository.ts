import type { EntityManager } from '@mikro-orm/postgresql';
import { announcePrincipalChange } from '../../../../platform/principal-changes.ts';
import type { MembershipClaim } from '../../../../platform/principal.ts';
import { ErrorCode, notFound, stewardError } from '../../../../platform/errors.ts';
import { Organization } from '../organization/organization.entity.ts';
import { lockOrganization } from '../organization/organization.repository.ts';
import { Membership, type OrganizationRole } from './membership.entity.ts';
import { ProjectMembership } from './project-membership.entity.ts';

export interface NewMember {
  organizationId: string;
  userId: string;
  role: OrganizationRole;
}

/**
 * Users' memberships, each with its organization read in the same query (a join: the tenant
 * filter goes into its condition, so an organization out of scope is null, as its loader's would be).
 */
export function membershipsOfUsers(em: EntityManager, userIds: readonly string[]): Promise<Membership[]> {
  return em.find(
    Membership,
    { userId: { $in: [...userIds] } },
    { populate: ['organizationRow'], strategy: 'joined', orderBy: { createdAt: 'asc', id: 'asc' } },
  );
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

/** Of these organizations, those with a single ADMIN. */
export async function soleAdminOrganizations(
  em: EntityManager,
  organizationIds: readonly string[],
): Promise<string[]> {
  if (!organizationIds.length) return [];
  const admins = await em.find(Membership, { organizationId: { $in: [...organizationIds] }, role: 'ADMIN' });
  const counts = new Map<string, number>();
  for (const admin of admins) counts.set(admin.organizationId, (counts.get(admin.organizationId) ?? 0) + 1);
  return organizationIds.filter((id) => counts.get(id) === 1);
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
  await announcePrincipalChange(em, { kind: 'user', id: input.userId });
  return membership;
}

export interface MemberRef {
  organizationId: string;
  userId: string;
}

/** The member, read after the organization is locked: the admins counted next stay as counted. */
async function lockedMember(em: EntityManager, ref: MemberRef): Promise<Membership> {
  if (!(await lockOrganization(em, ref.organizationId))) throw notFound('Organization');
  const membership = await em.findOne(
    Membership,
    { organizationId: ref.organizationId, userId: ref.userId },
    { refresh: true },
  );
  if (!membership) throw notFound('Membership');
  return membership;
}

/** An organization always keeps an ADMIN: nobody else could manage it. */
async function assertNotLastAdmin(em: EntityManager, membership: Membership): Promise<void> {
  if (membership.role !== 'ADMIN') return;
  const admins = await em.count(Membership, { organizationId: membership.organizationId, role: 'ADMIN' });
  if (admins <= 1) throw stewardError(ErrorCode.CONFLICT, 'The last ADMIN of an organization stays ADMIN');
}

/** Changes a member's organization role; returns the membership and the role it had. */
export async function changeMemberRole(
  em: EntityManager,
  change: MemberRef & { role: OrganizationRole },
): Promise<{ membership: Membership; from: OrganizationRole }> {
  const membership = await lockedMember(em, change);
  const from = membership.role;
  if (from === change.role) return { membership, from };
  if (change.role !== 'ADMIN') await assertNotLastAdmin(em, membership);
  membership.role = change.role;
  await em.flush();
  await announcePrincipalChange(em, { kind: 'user', id: change.userId });
  return { membership, from };
}

/** Removes a member with their project roles; returns what they held. */
export async function removeMember(
  em: EntityManager,
  ref: MemberRef,
): Promise<{ role: OrganizationRole; projectRolesRemoved: number }> {
  const membership = await lockedMember(em, ref);
  await assertNotLastAdmin(em, membership);
  // The foreign key would cascade too; deleting first counts them for the audit event.
  const projectRolesRemoved = await em.nativeDelete(ProjectMembership, {
    organizationId: ref.organizationId,
    userId: ref.userId,
  });
  em.remove(membership);
  await em.flush();
  await announcePrincipalChange(em, { kind: 'user', id: ref.userId });
  return { role: membership.role, projectRolesRemoved };
}

/** The users, among `userIds`, who belong to one of `organizationIds` (both already in scope). */
export async function membersAmong(
  em: EntityManager,
  organizationIds: readonly string[],
  userIds: readonly string[],
): Promise<string[]> {
  const rows = await em.find(
    Membership,
    { organizationId: { $in: [...organizationIds] }, userId: { $in: [...userIds] } },
    { fields: ['userId'] },
  );
  return [...new Set(rows.map((row) => row.userId))];
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
