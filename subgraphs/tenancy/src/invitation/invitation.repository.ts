import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, badInput, notFound, stewardError } from '../../../../platform/errors.ts';
import type { RequestTransaction } from '../../../runtime/orm.ts';
import { sameEmailAddress } from '../../../../platform/email.ts';
import { announcePrincipalChange } from '../../../../platform/principal-changes.ts';
import { isId } from '../../../../platform/ids.ts';
import { Membership, type OrganizationRole } from '../membership/membership.entity.ts';
import { ProjectMembership, type ProjectRole } from '../membership/project-membership.entity.ts';
import type { Organization } from '../organization/organization.entity.ts';
import { lockOrganization } from '../organization/organization.repository.ts';
import { Project } from '../project/project.entity.ts';
import { Invitation } from './invitation.entity.ts';
import { checkInvitationLimits, type InvitationLimits } from './invitation-limits.ts';
import { hashInvitationToken, newInvitationToken } from './invitation-token.ts';

/** How long an invitation can be accepted. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 3600_000;

export interface NewInvitation {
  organizationId: string;
  email: string;
  role: OrganizationRole;
  project: { id: string; role: ProjectRole } | null;
  invitedBy: string | null;
  now: Date;
}

export interface CreatedInvitation {
  invitation: Invitation;
  /** The secret to mail; only its hash is stored. */
  token: string;
  organization: Organization;
  project: Project | null;
  /** Pending invitations to the same address this one withdrew (0 or 1). */
  replaced: number;
}

/**
 * Invites an address to an organization of the scope, withdrawing its pending invitation if any:
 * inviting again is how an admin resends one, with a fresh token and expiry. Within the hourly
 * limits of the organization and the inviter (RATE_LIMITED beyond).
 */
export async function createInvitation(
  em: EntityManager,
  input: NewInvitation,
  limits: InvitationLimits,
): Promise<CreatedInvitation> {
  // Serialises invitations to one organization, so the one-pending-per-address index never trips.
  const organization = await lockOrganization(em, input.organizationId);
  if (!organization) throw notFound('Organization');
  await checkInvitationLimits(em, { ...input, organizationId: organization.id }, limits);
  const project =
    input.project && isId(input.project.id) ? await em.findOne(Project, { id: input.project.id }) : null;
  if (input.project && project?.organizationId !== organization.id) throw notFound('Project');
  const replaced = await em.nativeUpdate(
    Invitation,
    { organizationId: organization.id, email: input.email, acceptedAt: null, revokedAt: null },
    { revokedAt: input.now },
  );
  const token = newInvitationToken();
  const invitation = em.create(Invitation, {
    organizationId: organization.id,
    email: input.email,
    role: input.role,
    projectId: project?.id ?? null,
    projectRole: input.project?.role ?? null,
    tokenHash: hashInvitationToken(token),
    invitedBy: input.invitedBy,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + INVITATION_LIFETIME_MS),
  });
  await em.flush();
  return { invitation, token, organization, project, replaced };
}

/** Why an account that is not the invited address is refused: `extensions.reason`. */
export const INVITED_ANOTHER_ADDRESS = 'INVITED_ANOTHER_ADDRESS';

/**
 * Accepts an invitation as `userId`, once, and only as the account of the invited address (a
 * forwarded or intercepted token is no way in: `accountEmail` is that account's address, compared
 * as sign-in compares addresses). Unknown tokens are NOT_FOUND; another account is FORBIDDEN and
 * learns nothing more; known ones that can no longer be used say why.
 */
export async function acceptInvitation(
  em: EntityManager,
  tx: RequestTransaction,
  input: { token: string; userId: string; accountEmail: string | null; now: Date },
): Promise<{ invitation: Invitation; membership: Membership }> {
  // RLS hides the invitation until its organization is in scope; the security definer function
  // (see Migration20261121020000) finds it by token hash and says which organization it is.
  const [found] = await em.execute<{ id: string; organization_id: string }[]>(
    'select id, organization_id from tenancy.invitation_by_token_hash(?)',
    [hashInvitationToken(input.token)],
  );
  if (!found) throw notFound('Invitation');
  await tx.extendScope({ tenantIds: [found.organization_id] });
  // Locked: of two concurrent acceptances, the second sees the first's acceptedAt.
  const invitation = await em.findOne(Invitation, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!invitation) throw notFound('Invitation');
  if (invitation.acceptedAt) throw badInput('This invitation has already been accepted', 'token');
  if (invitation.revokedAt) throw badInput('This invitation was replaced by a newer one', 'token');
  if (invitation.expiresAt <= input.now) throw badInput('This invitation has expired', 'token');
  if (!input.accountEmail || !sameEmailAddress(input.accountEmail, invitation.email)) {
    throw stewardError(ErrorCode.FORBIDDEN, 'This invitation is for another email address: sign in with it', {
      reason: INVITED_ANOTHER_ADDRESS,
    });
  }
  const scope = { organizationId: invitation.organizationId, userId: input.userId };
  if (await em.findOne(Membership, scope)) {
    throw stewardError(ErrorCode.CONFLICT, 'Already a member of this organization');
  }
  const membership = em.create(Membership, { ...scope, role: invitation.role });
  // Two flushes: the project role's foreign key needs the membership first.
  await em.flush();
  if (invitation.projectId && invitation.projectRole) {
    em.create(ProjectMembership, { ...scope, projectId: invitation.projectId, role: invitation.projectRole });
  }
  invitation.acceptedAt = input.now;
  invitation.acceptedBy = input.userId;
  await em.flush();
  await announcePrincipalChange(em, { kind: 'user', id: input.userId });
  return { invitation, membership };
}
