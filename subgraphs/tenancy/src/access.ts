import { membershipIn, type MembershipClaim, type Principal } from '../../../platform/principal.ts';
import type { OrganizationRole } from './membership/membership.entity.ts';
import type { ProjectRole } from './membership/project-membership.entity.ts';

// Who may see what, as pure functions of the principal: shield rules and resolvers share them.

/** API-key scopes tenancy enforces (identity's scopes.ts lists what a key may be given). */
export const PROJECTS_READ = 'projects:read';
export const PROJECTS_WRITE = 'projects:write';
export const MEMBERS_READ = 'members:read';

export interface ProjectRef {
  id: string;
  organizationId: string;
}

export function organizationRoleOf(principal: Principal, organizationId: string): OrganizationRole | null {
  return membershipIn(principal, organizationId)?.role ?? null;
}

export const isOrganizationAdmin = (principal: Principal, organizationId: string) =>
  organizationRoleOf(principal, organizationId) === 'ADMIN';

/** A partner key of that organization holding one of `scopes`. */
export const isPartnerWith = (principal: Principal, organizationId: string, ...scopes: string[]) =>
  principal.kind === 'apiKey' &&
  principal.organizationId === organizationId &&
  scopes.some((scope) => principal.scopes.includes(scope));

/** A partner key holding any scope that reaches tenancy's data. */
export const isTenancyPartner = (principal: Principal) =>
  principal.kind === 'apiKey' &&
  [PROJECTS_READ, PROJECTS_WRITE, MEMBERS_READ].some((scope) => principal.scopes.includes(scope));

/** Any member of the organization, or a partner key of it with a tenancy scope. */
export const canReadOrganization = (principal: Principal, organizationId: string) =>
  organizationRoleOf(principal, organizationId) !== null ||
  isPartnerWith(principal, organizationId, PROJECTS_READ, PROJECTS_WRITE, MEMBERS_READ);

/** The organization's admins, and partner keys of it with `members:read`. */
export const canReadMembers = (principal: Principal, organizationId: string) =>
  isOrganizationAdmin(principal, organizationId) || isPartnerWith(principal, organizationId, MEMBERS_READ);

/** The organization's admins, and partner keys of it with `projects:write`. */
export const canCreateProject = (principal: Principal, organizationId: string) =>
  isOrganizationAdmin(principal, organizationId) || isPartnerWith(principal, organizationId, PROJECTS_WRITE);

/** An admin is an editor of every project of the organization; a member holds a role per project. */
export function projectRoleOf(principal: Principal, project: ProjectRef): ProjectRole | null {
  const membership = membershipIn(principal, project.organizationId);
  if (!membership) return null;
  if (membership.role === 'ADMIN') return 'EDITOR';
  return membership.projects.find((p) => p.projectId === project.id)?.role ?? null;
}

/**
 * Members see the projects they belong to (admins all of them); partner keys with `projects:read`
 * too, and with `projects:write`, which would be useless without reading what it wrote.
 */
export const canSeeProject = (principal: Principal, project: ProjectRef) =>
  projectRoleOf(principal, project) !== null ||
  isPartnerWith(principal, project.organizationId, PROJECTS_READ, PROJECTS_WRITE);

export const canReadProjectMembers = (principal: Principal, project: ProjectRef) =>
  projectRoleOf(principal, project) === 'EDITOR';

/**
 * What a project role change needs: an admin sets any role; an editor of the project manages its
 * participants (gives or removes PARTICIPANT), never an EDITOR role, theirs included.
 */
export function canSetProjectRole(
  principal: Principal,
  project: ProjectRef,
  change: { from: ProjectRole | null; to: ProjectRole | null },
): boolean {
  if (isOrganizationAdmin(principal, project.organizationId)) return true;
  return projectRoleOf(principal, project) === 'EDITOR' && change.from !== 'EDITOR' && change.to !== 'EDITOR';
}

/**
 * The principal with a membership this very request created (the gateway built the principal
 * before it existed), so that the rest of the request may read what it just made.
 */
export function withMembership(principal: Principal, claim: MembershipClaim): Principal {
  if (principal.kind !== 'user') return principal;
  const others = principal.memberships.filter((m) => m.organizationId !== claim.organizationId);
  return { ...principal, memberships: [...others, claim] };
}
