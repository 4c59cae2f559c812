import type { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import { notFound } from '../../../../platform/errors.ts';
import { announcePrincipalChange } from '../../../../platform/principal-changes.ts';
import type { IdentityContext } from '../context.ts';
import { Session } from './session.entity.ts';

/** Ends one of the signed-in user's sessions (idempotent); someone else's is NOT_FOUND. */
export async function revokeOwnSession(ctx: IdentityContext, sessionId: string, now: Date): Promise<Session> {
  if (ctx.principal.kind !== 'user') throw notFound('Session');
  const session = await ctx.em.findOne(Session, { id: sessionId, userId: ctx.principal.userId });
  if (!session) throw notFound('Session');
  if (!session.revokedAt) {
    session.revokedAt = now;
    await ctx.em.flush();
    await announcePrincipalChange(ctx.em, { kind: 'session', id: session.id });
    await recordAuditEvent(ctx.em, 'identity', {
      action:
        sessionId === ctx.principal.sessionId ? 'identity.session.signed_out' : 'identity.session.revoked',
      outcome: 'SUCCESS',
      organizationId: null,
      actor: actorOf(ctx.principal, ctx.origin),
      target: { type: 'Session', id: session.id },
    });
  }
  return session;
}

/** Ends every live session of a user; returns how many. */
export async function revokeAllSessions(em: EntityManager, userId: string, now: Date): Promise<number> {
  const ended = await em.nativeUpdate(Session, { userId, revokedAt: null }, { revokedAt: now });
  await announcePrincipalChange(em, { kind: 'user', id: userId });
  return ended;
}

/** Ends every live session of a user but `keep` (the one asking, if any); returns how many. */
export async function revokeOtherSessions(
  em: EntityManager,
  userId: string,
  keep: string | undefined,
  now: Date,
): Promise<number> {
  const ended = await em.nativeUpdate(
    Session,
    { userId, revokedAt: null, ...(keep ? { id: { $ne: keep } } : {}) },
    { revokedAt: now },
  );
  await announcePrincipalChange(em, { kind: 'user', id: userId });
  return ended;
}
