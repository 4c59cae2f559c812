import { ErrorCode, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { Session } from './session.entity.ts';

/** When the session's user last proved who they are (its sign-in, unless recorded otherwise). */
export const authenticatedAtOf = (session: Session): Date => session.authenticatedAt ?? session.createdAt;

/** What a client is told when an operation needs a fresh sign-in: `extensions.reason`. */
export const REAUTHENTICATION_REQUIRED = 'REAUTHENTICATION_REQUIRED';

/**
 * A holder of a session is not necessarily its owner (a stolen token). A sensitive operation asks
 * for proof: that the session itself was authenticated within `options.recentAuthenticationMs`
 * (sessions record when and how: openSession). Otherwise FORBIDDEN with
 * `reason: REAUTHENTICATION_REQUIRED`, on which a client signs in again and retries.
 */
export async function requireRecentAuthentication(
  ctx: IdentityContext,
  options: Pick<IdentityOptions, 'now' | 'recentAuthenticationMs'>,
): Promise<Session> {
  const { principal } = ctx;
  const session =
    principal.kind === 'user' && principal.sessionId
      ? await ctx.em.findOne(Session, { id: principal.sessionId, userId: principal.userId, revokedAt: null })
      : null;
  const since = options.now().getTime() - options.recentAuthenticationMs;
  if (!session || authenticatedAtOf(session).getTime() < since) {
    throw stewardError(ErrorCode.FORBIDDEN, 'Sign in again to do this', {
      reason: REAUTHENTICATION_REQUIRED,
    });
  }
  return session;
}
