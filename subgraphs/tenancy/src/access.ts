import { membershipIn, type MembershipClaim, type Principal } from '../../kit/principal.ts';
import type { OrganizationRole } from './membership/membership.entity.ts';
import type { ProjectRole } from './membership/project-membership.entity.ts';

// Who may see what, as pure functions of the principal: shield rules and resolvers share them.

/** The API-key scope that lets a partner read its organization and the organization's projects. */
export const PROJECTS_READ = 'projects:read';

export interface ProjectRef {
  id: string;
  organizationId: string;
}

export function organizationRoleOf(principal: Principal, organizationId: string): OrganizationRole | null {
  return membershipIn(principal, organizationId)?.role ?? null;
}

export const isOrganizationAdmin = (principal: Principal, organizationId: string) =>
  organizationRoleOf(principal, organizationId) === 'ADMIN';

/** A partner key of that organization holding `scope`. */
export const isPartnerWith = (principal: Principal, organizationId: string, scope: string) =>
  principal.kind === 'apiKey' &&
  principal.organizationId === organizationId &&
  principal.scopes.includes(scope);

/** Any member of the organization, or a partner key of it with `projects:read`. */
export const canReadOrganization = (principal: Principal, organizationId: string) =>
  organizationRoleOf(principal, organizationId) !== null ||
  isPartnerWith(principal, organizationId, PROJECTS_READ);

/** An admin is an editor of every project of the organization; a member holds a role per project. */
export function projectRoleOf(principal: Principal, project: ProjectRef): ProjectRole | null {
  const membership = membershipIn(principal, project.organizationId);
  if (!membership) return null;
  if (membership.role === 'ADMIN') return 'EDITOR';
  return membership.projects.find((p) => p.projectId === project.id)?.role ?? null;
}

/** Members see the projects they belong to (admins all of them); partner keys with `projects:read` too. */
export const canSeeProject = (principal: Principal, project: ProjectRef) =>
  projectRoleOf(principal, project) !== null ||
  isPartnerWith(principal, project.organizationId, PROJECTS_READ);

export const canReadProjectMembers = (principal: Principal, project: ProjectRef) =>
  projectRoleOf(principal, project) === 'EDITOR';

/**
 * The principal with a membership this very request created (the gateway built the principal
 * before it existed), so that the rest of the request may read what it just made.
 */
export function withMembership(principal: Principal, claim: MembershipClaim): Principal {
  if (principal.kind !== 'user') return principal;
  const others = principal.memberships.filter((m) => m.organizationId !== claim.organizationId);
  return { ...principal, memberships: [...others, claim] };
}
