import { ErrorCode, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { requireRecentAuthentication } from '../session/recent-authentication.ts';
import type { Session } from '../session/session.entity.ts';
import { secondFactorsOf } from '../sign-in-challenge/second-factors.ts';
import { User } from '../user/user.entity.ts';

import { STEP_UP_REQUIRED } from '../../../../platform/step-up.ts';
export { STEP_UP_REQUIRED };

/**
 * The step-ups a person can take now, as `extensions.factors` names them: their second factors
 * when they have one (a password or a mailbox is no proof beside a stolen session of such a
 * person), else their password when they have one and a mailed code; and a new sign-in.
 */
export async function stepUpFactorsOf(ctx: IdentityContext, userId: string): Promise<string[]> {
  const second = await secondFactorsOf(ctx.em, userId);
  if (second.length) return second;
  const user = await ctx.em.findOne(User, { id: userId });
  return user?.passwordHash ? ['PASSWORD', 'EMAIL_CODE', 'SIGN_IN'] : ['EMAIL_CODE', 'SIGN_IN'];
}

/**
 * Sensitive operations (API keys, factor removal, sign-in policy; export and deletion at the
 * gateway's principal) call this first: the session must have been authenticated, by sign-in or
 * a step-up, within `recentAuthenticationMs` (the one check, requireRecentAuthentication).
 * Otherwise FORBIDDEN with `reason: STEP_UP_REQUIRED` and `factors`, the step-ups that would do.
 */
export async function requireStepUp(
  ctx: IdentityContext,
  options: Pick<IdentityOptions, 'now' | 'recentAuthenticationMs'>,
): Promise<Session> {
  try {
    return await requireRecentAuthentication(ctx, options);
  } catch {
    const factors = ctx.principal.kind === 'user' ? await stepUpFactorsOf(ctx, ctx.principal.userId) : [];
    throw stewardError(ErrorCode.FORBIDDEN, 'Confirm it is you (step-up) to do this', {
      reason: STEP_UP_REQUIRED,
      factors,
    });
  }
}
