import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, stewardError } from '../../../../platform/errors.ts';

/** How many invitations may be sent per hour: each is a mail carrying the organization's name. */
export interface InvitationLimits {
  perOrganizationPerHour: number;
  /** Across every organization the person administers (creating organizations is free). */
  perInviterPerHour: number;
}

export const defaultInvitationLimits: InvitationLimits = {
  perOrganizationPerHour: 20,
  perInviterPerHour: 10,
};

const HOUR_MS = 3600_000;

/**
 * Refuses with RATE_LIMITED when the organization or the inviter has sent its hour's invitations
 * (resends and replaced ones included: each was a mail). Called with the organization's row
 * locked (createInvitation) and the inviter's advisory lock taken here, so that concurrent
 * invitations are counted one after the other and never all pass the same count.
 */
export async function checkInvitationLimits(
  em: EntityManager,
  input: { organizationId: string; invitedBy: string | null; now: Date },
  limits: InvitationLimits,
): Promise<void> {
  const since = new Date(input.now.getTime() - HOUR_MS);
  const sentBy = async (column: 'organization_id' | 'invited_by', id: string) => {
    const [row] = await em.execute<{ sent: string; oldest: Date | string | null }[]>(
      `select count(*) as sent, min(created_at) as oldest from tenancy.invitations
        where ${column} = ? and created_at > ?`,
      [id, since],
    );
    return { sent: Number(row?.sent ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
  };
  const refuse = (limit: number, oldest: Date | null, who: string) =>
    stewardError(ErrorCode.RATE_LIMITED, `Too many invitations ${who}: try again later`, {
      limit,
      retryAfter: Math.max(
        1,
        Math.ceil(((oldest?.getTime() ?? input.now.getTime()) + HOUR_MS - input.now.getTime()) / 1000),
      ),
    });
  const organization = await sentBy('organization_id', input.organizationId);
  if (organization.sent >= limits.perOrganizationPerHour) {
    throw refuse(limits.perOrganizationPerHour, organization.oldest, 'from this organization this hour');
  }
  if (!input.invitedBy) return;
  await em.execute(`select pg_advisory_xact_lock(hashtextextended('tenancy.inviter:' || ?, 0))`, [
    input.invitedBy,
  ]);
  const inviter = await sentBy('invited_by', input.invitedBy);
  if (inviter.sent >= limits.perInviterPerHour) {
    throw refuse(limits.perInviterPerHour, inviter.oldest, 'from you this hour');
  }
}
