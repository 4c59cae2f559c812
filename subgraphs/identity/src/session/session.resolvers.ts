import { actorOf, recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import { forbidden, notFound } from '../../../../platform/errors.ts';
import { membershipIn } from '../../../../platform/principal.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { isMemberOf } from '../tenancy-client.ts';
import { authenticatedAtOf } from './recent-authentication.ts';
import { isSignInMethod } from '../sign-in-attempt/sign-in-attempt.entity.ts';
import { revokeAllSessions, revokeOwnSession } from './session-revocation.ts';
import { findLiveSession, touchSession } from './session.repository.ts';

export function createSessionResolvers(options: IdentityOptions): Resolvers {
  return {
    Query: {
      sessionPrincipal: async (_parent, { token }, ctx) => {
        const session = await findLiveSession(ctx.em, token, options);
        if (!session) return null;
        const now = options.now();
        await touchSession(ctx.em, session, now);
        const idleEnd = session.lastSeenAt.getTime() + options.sessions.idleTimeoutMs;
        return {
          userId: session.userId,
          sessionId: session.id,
          expiresAt: new Date(Math.min(idleEnd, session.expiresAt.getTime())),
          authenticatedAt: authenticatedAtOf(session),
          authenticationMethods: session.authenticationMethods.filter(isSignInMethod),
        };
      },
    },
    Mutation: {
      signOut: async (_parent, _args, ctx) => {
        if (ctx.principal.kind !== 'user' || !ctx.principal.sessionId) return false;
        await revokeOwnSession(ctx, ctx.principal.sessionId, options.now());
        return true;
      },
      revokeSession: (_parent, { id }, ctx) => revokeOwnSession(ctx, id, options.now()),
      revokeUserSessions: async (_parent, { organizationId, userId }, ctx) => {
        const membership = membershipIn(ctx.principal, organizationId);
        if (!membership) throw notFound('Organization');
        if (membership.role !== 'ADMIN') throw forbidden();
        if (!(await isMemberOf(ctx, organizationId, userId))) throw notFound('Member');
        const ended = await revokeAllSessions(ctx.em, userId, options.now());
        await recordAuditEvent(ctx.em, 'identity', {
          action: 'identity.session.revoked_by_admin',
          outcome: 'SUCCESS',
          organizationId,
          actor: actorOf(ctx.principal, ctx.origin),
          target: { type: 'User', id: userId },
          metadata: { sessionsEnded: ended },
        });
        return ended;
      },
    },
    Session: {
      authenticatedAt: (session) => authenticatedAtOf(session),
      current: (session, _args, ctx) =>
        ctx.principal.kind === 'user' && ctx.principal.sessionId === session.id,
    },
  };
}
