import { actorOf, recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import { deviceTypeOf } from '../../../../platform/device.ts';
import { ErrorCode, notFound, stewardError } from '../../../../platform/errors.ts';
import { isId } from '../../../../platform/ids.ts';
import { announcePrincipalChange } from '../../../../platform/principal-changes.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { Session } from '../session/session.entity.ts';
import {
  liftAccountLock,
  takeUnlock,
  throttleKeysOf,
  UNLOCK_POLICY,
} from '../sign-in/throttle.repository.ts';
import { isMemberOf } from '../tenancy-client.ts';
import { User } from '../user/user.entity.ts';

// Every operation here is an organization ADMIN's (the rule checks the organization argument)
// acting on a member of that organization: anyone else is NOT_FOUND, as for another tenant's row.

const audit = (
  ctx: IdentityContext,
  organizationId: string,
  action: string,
  target: { type: string; id: string },
  metadata: Record<string, unknown> = {},
) =>
  recordAuditEvent(ctx.em, 'identity', {
    action,
    outcome: 'SUCCESS',
    organizationId,
    actor: actorOf(ctx.principal, ctx.origin, deviceTypeOf(ctx.origin.userAgent)),
    target,
    metadata,
  });

/** A member's sessions, newest first, with device, IP and times (ended ones too, for the record). */
export async function memberSessions(ctx: IdentityContext, organizationId: string, userId: string) {
  if (!(await isMemberOf(ctx, organizationId, userId))) throw notFound('Member');
  const sessions = await ctx.em.find(Session, { userId }, { orderBy: { createdAt: 'desc' }, limit: 100 });
  await audit(ctx, organizationId, 'identity.member_sessions.listed', { type: 'User', id: userId });
  return sessions;
}

/**
 * Ends one session of a member: that device is refused on its next request (the gateway drops
 * its cached principal when this commits); the member's other sessions go on. Idempotent.
 */
export async function revokeMemberSession(
  ctx: IdentityContext,
  options: Pick<IdentityOptions, 'now'>,
  organizationId: string,
  sessionId: string,
) {
  const session = isId(sessionId) ? await ctx.em.findOne(Session, { id: sessionId }) : null;
  if (!session || !(await isMemberOf(ctx, organizationId, session.userId))) throw notFound('Session');
  if (!session.revokedAt) {
    session.revokedAt = options.now();
    await ctx.em.flush();
    await announcePrincipalChange(ctx.em, { kind: 'session', id: session.id });
    await audit(
      ctx,
      organizationId,
      'identity.session.revoked_by_admin',
      { type: 'Session', id: session.id },
      {
        userId: session.userId,
      },
    );
  }
  return session;
}

/** Lifts a member's sign-in lock (the account's brute-force counter); the IP's stays. */
export async function unlockMember(
  ctx: IdentityContext,
  options: Pick<IdentityOptions, 'now' | 'bruteForce'>,
  organizationId: string,
  userId: string,
) {
  if (!(await isMemberOf(ctx, organizationId, userId))) throw notFound('Member');
  const user = await ctx.em.findOne(User, { id: userId });
  if (!user) throw notFound('Member');
  const keys = throttleKeysOf(user.email, null);
  const now = options.now();
  // Each unlock is one more try for whoever guesses: three a day per person, whichever admin asks.
  if (!(await takeUnlock(ctx.em, keys, now))) {
    throw stewardError(
      ErrorCode.RATE_LIMITED,
      'This member was unlocked three times today: try again tomorrow',
      {
        limit: UNLOCK_POLICY.lockAfter,
      },
    );
  }
  await liftAccountLock(ctx.em, keys, options.bruteForce.account, now);
  await audit(ctx, organizationId, 'identity.member.unlocked', { type: 'User', id: userId });
  return true;
}
