import { ErrorCode, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { hashToken } from '../session/session-tokens.ts';
import { completeSignIn } from '../sign-in/complete-sign-in.ts';
import { User } from '../user/user.entity.ts';
import type { SecondFactorMethod } from './second-factors.ts';
import { challengeClientHash } from './challenge-client.ts';
import { SignInChallenge } from './sign-in-challenge.entity.ts';

const challengeGone = () =>
  stewardError(ErrorCode.UNAUTHENTICATED, 'This sign-in has expired or was completed: sign in again', {
    reason: 'CHALLENGE_EXPIRED',
  });

/**
 * The open challenge a client holds and its user, or UNAUTHENTICATED (unknown, expired, completed,
 * or handed to another client).
 */
export async function openChallenge(
  ctx: IdentityContext,
  options: Pick<IdentityOptions, 'now'>,
  challenge: string,
): Promise<{ challenge: SignInChallenge; user: User }> {
  const found =
    challenge.length <= 100
      ? await ctx.em.findOne(SignInChallenge, {
          tokenHash: hashToken(challenge),
          // From another client it is as unknown: the same answer, nothing spent or counted.
          clientHash: challengeClientHash(ctx.origin),
          completedAt: null,
          expiresAt: { $gt: options.now() },
        })
      : null;
  const user = found && (await ctx.em.findOne(User, { id: found.userId }));
  if (!found || !user) throw challengeGone();
  return { challenge: found, user };
}

/**
 * Completes a sign-in challenge once its user has given `factor`. The contract, for every second
 * factor (TOTP, recovery code, and the passkeys folder's assertion):
 * - the caller found the challenge with openChallenge and verified the factor for
 *   `challenge.userId` behind the brute-force limits, and spent it (a code's step, a recovery
 *   code, a passkey's counter) in the request's transaction;
 * - this spends the challenge (once: a concurrent completion gets UNAUTHENTICATED) and ends the
 *   sign-in as every sign-in ends (completeSignIn): a session recording both methods, the attempt
 *   and its audit event, in the request's transaction.
 */
export async function completeSignInChallenge(
  ctx: IdentityContext,
  options: IdentityOptions,
  found: { challenge: SignInChallenge; user: User },
  factor: SecondFactorMethod,
) {
  const now = options.now();
  const spent = await ctx.em.nativeUpdate(
    SignInChallenge,
    { id: found.challenge.id, completedAt: null, expiresAt: { $gt: now } },
    { completedAt: now },
  );
  if (spent !== 1) throw challengeGone();
  return completeSignIn(ctx, options, {
    user: found.user,
    method: found.challenge.firstMethod,
    secondFactor: factor,
  });
}
