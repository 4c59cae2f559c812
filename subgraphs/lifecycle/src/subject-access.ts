import type { InternalClient } from '../../../platform/internal-client.ts';
import { ErrorCode, stewardError } from '../../../platform/errors.ts';
import { membershipIn, type Principal, type RequestOrigin } from '../../../platform/principal.ts';
import { subjectKindOf, type Subject } from '../../protocols/subject-data/subject-data.ts';
import type { LifecycleContext } from './context.ts';
import type { DataExport } from './export/data-export.entity.ts';
import type { DeletionRequest } from './deletion/deletion-request.entity.ts';
import { signInPolicyError } from '../../../platform/sign-in-policy.ts';

/*
 * Who may act on a person, decided here and nowhere else. An organization's ADMINs act on that
 * organization's data, including its data about each of its members; a person's account (every
 * organization, sessions, sign-ins) belongs to that person alone. Every read of an export or a
 * deletion asks again, with the caller's current role: an admin removed from an organization
 * loses its exports and deletions at once.
 */
import { principalOrganizationsOperation } from '../../../contracts/operations/tenancy/principal-organizations.ts';
import { organizationMembershipOperation } from '../../../contracts/operations/tenancy/organization-membership.ts';
import { soleAdminOrganizationsOperation } from '../../../contracts/operations/tenancy/sole-admin-organizations.ts';

export const isAdminOf = (principal: Principal, organizationId: string) =>
  membershipIn(principal, organizationId)?.role === 'ADMIN';

const clientOf = (internal: InternalClient | null | undefined): InternalClient => {
  if (!internal) throw new Error('lifecycle has no service key to call tenancy');
  return internal;
};

/** The organizations a user belongs to, asked of tenancy (which owns memberships). */
export async function organizationsOfUser(
  internal: InternalClient | null | undefined,
  userId: string,
  origin: RequestOrigin,
): Promise<string[]> {
  const { principalMemberships } = await clientOf(internal)(
    principalOrganizationsOperation,
    { userId },
    origin,
  );
  return principalMemberships.map((m) => m.organizationId);
}

/** The user's current role in the organization, asked of tenancy; null when not a member. */
export async function currentRoleIn(
  internal: InternalClient | null | undefined,
  organizationId: string,
  userId: string,
  origin: RequestOrigin,
): Promise<string | null> {
  const { organizationMembership } = await clientOf(internal)(
    organizationMembershipOperation,
    { organizationId, userId },
    origin,
  );
  return organizationMembership?.role ?? null;
}

/**
 * Whether the caller may export or delete the subject's data: an organization, by its ADMINs; an
 * organization's data about a member, by its ADMINs (the user must be a member); a person's
 * account, by that person only.
 */
export async function mayActOnSubject(ctx: LifecycleContext, subject: Subject): Promise<boolean> {
  const { principal } = ctx;
  if (principal.kind !== 'user') return false;
  // An export or deletion found by its id names no organization the gateway could check.
  if (subject.organizationId !== undefined && isAdminOf(principal, subject.organizationId)) {
    const refusal = signInPolicyError(principal, subject.organizationId);
    if (refusal) throw refusal;
  }
  switch (subjectKindOf(subject)) {
    case 'organization':
      return isAdminOf(principal, subject.organizationId!);
    case 'user':
      return subject.userId === principal.userId;
    case 'member':
      return (
        isAdminOf(principal, subject.organizationId!) &&
        (await currentRoleIn(ctx.internal, subject.organizationId!, subject.userId!, ctx.origin)) !== null
      );
  }
}

/**
 * An organization always keeps an ADMIN (as removeMember insists): a person who is the only ADMIN
 * of an organization cannot delete their account, nor an admin erase their own membership, until
 * another admin exists or the organization is deleted. CONFLICT naming the organization.
 */
export async function assertLeavesAnAdmin(ctx: LifecycleContext, subject: Subject): Promise<void> {
  const kind = subjectKindOf(subject);
  if (kind === 'organization') return;
  const { soleAdminOrganizations } = await clientOf(ctx.internal)(
    soleAdminOrganizationsOperation,
    { userId: subject.userId! },
    ctx.origin,
  );
  const stranded =
    kind === 'user'
      ? soleAdminOrganizations
      : soleAdminOrganizations.filter((id) => id === subject.organizationId);
  if (stranded.length) {
    throw stewardError(
      ErrorCode.CONFLICT,
      `The last ADMIN of organization ${stranded.join(', ')}: make another member ADMIN or delete the organization first`,
      { reason: 'LAST_ADMIN', organizationIds: stranded },
    );
  }
}

/** The organizations a subject's data may be evidence in: its own, or those the user belongs to. */
export async function organizationsOfSubject(ctx: LifecycleContext, subject: Subject): Promise<string[]> {
  if (subject.organizationId !== undefined) return [subject.organizationId];
  return organizationsOfUser(ctx.internal, subject.userId, ctx.origin);
}

/**
 * Who reads an export now: an organization's (or one of its members') by the organization's
 * current ADMINs; a person's own by that person.
 */
export const mayReadExport = (principal: Principal, row: DataExport): boolean =>
  principal.kind === 'user' &&
  (row.organizationId != null ? isAdminOf(principal, row.organizationId) : row.userId === principal.userId);

/** A deletion that has started: the organization's memberships may already be gone. */
const STARTED = new Set(['RUNNING', 'COMPLETED', 'FAILED']);

/**
 * Who reads a deletion now: the organization's current ADMINs (its own, or its data about a
 * member), the person it concerns, and whoever set it in motion once it has started (they follow
 * it while the organization goes, and the certificate is their proof after it is gone).
 */
export const mayReadDeletion = (principal: Principal, row: DeletionRequest): boolean =>
  principal.kind === 'user' &&
  ((row.organizationId != null && isAdminOf(principal, row.organizationId)) ||
    row.userId === principal.userId ||
    (row.requestedBy === principal.userId && STARTED.has(row.status)));

/** A row read by its id, under its organization's sign-in policy: its coded refusal, thrown. */
export function assertSignInPolicy(principal: Principal, organizationId: string | null | undefined): void {
  if (organizationId == null) return;
  const refusal = signInPolicyError(principal, organizationId);
  if (refusal) throw refusal;
}
