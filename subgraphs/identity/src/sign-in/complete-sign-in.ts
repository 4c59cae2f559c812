import { ErrorCode, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { openSession } from '../session/session.repository.ts';
import type { SignInMethod } from '../sign-in-attempt/sign-in-attempt.entity.ts';
import { recordSignInAttempt } from '../sign-in-attempt/sign-in-attempt.repository.ts';
import { challengeIfSecondFactor } from '../sign-in-challenge/challenge-if-second-factor.ts';
import type { SecondFactorMethod } from '../sign-in-challenge/second-factors.ts';
import type { User } from '../user/user.entity.ts';
import { resetAccountFailures, throttleKeysOf } from './throttle.repository.ts';

export type { SignInMethod };
export { recordFailedSignIn } from './sign-in-failure.ts';

/**
 * The one way every sign-in method ends: a new session for the user, the attempt recorded with
 * its audit event, the account's run of failures ended, and the user readable by the rest of this
 * request (the principal is still anonymous). All in the request's transaction: if anything later
 * in the request fails, none of it happened. A person with a second factor who gave only the
 * first gets a challenge instead (sign-in-challenge): `secondFactor` is the factor that completed
 * one, recorded on the session beside the first.
 */
export async function completeSignIn(
  ctx: IdentityContext,
  options: IdentityOptions,
  signIn: { user: User; method: SignInMethod; secondFactor?: SecondFactorMethod },
) {
  const { user, method, secondFactor } = signIn;
  // A second sign-in in a request that must fail anyway would hand out a token that never exists.
  if (ctx.tx.isFailing) throw stewardError(ErrorCode.BAD_USER_INPUT, 'Sign in once per operation');
  if (!secondFactor) await challengeIfSecondFactor(ctx, options, user, method);
  const methods = secondFactor ? [method, secondFactor] : [method];
  const { token, session } = await openSession(ctx.em, user.id, methods, ctx.origin, options);
  await recordSignInAttempt(
    ctx.em,
    ctx,
    // The attempt that opened the session: the second factor's, when one completed it.
    {
      userId: user.id,
      email: user.email,
      method: secondFactor === 'PASSKEY' ? method : (secondFactor ?? method),
      outcome: 'SUCCESS',
    },
    options.now(),
    { sessionId: session.id },
  );
  await resetAccountFailures(ctx.em, throttleKeysOf(user.email, ctx.origin.ip));
  ctx.signedInUserId = user.id;
  return { token, session, user };
}
