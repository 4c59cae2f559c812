import { ErrorCode, stewardError } from '../../../../platform/errors.ts';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import { hashToken, newSessionToken } from '../session/session-tokens.ts';
import type { SignInMethod } from '../sign-in-attempt/sign-in-attempt.entity.ts';
import type { User } from '../user/user.entity.ts';
import { challengeClientHash } from './challenge-client.ts';
import { secondFactorsOf } from './second-factors.ts';
import { SignInChallenge } from './sign-in-challenge.entity.ts';

/** A challenge lives this long: time to open the app and type a code, not to walk away. */
export const CHALLENGE_LIFETIME_MS = 5 * 60_000;
/** `extensions.reason` of a sign-in that needs its second factor; `extensions.challenge` carries it. */
export const SECOND_FACTOR_REQUIRED = 'SECOND_FACTOR_REQUIRED';

/**
 * First factors after which a person with a second factor must give it (a passkey is both). An
 * organization's single sign-on too: its provider vouches for an address, and the session opened
 * is the person's whole account (their other organizations, their factors), not that organization's.
 */
const FIRST_FACTORS = new Set<SignInMethod>(['EMAIL_CODE', 'PASSWORD', 'OIDC', 'SSO']);

/**
 * Called by completeSignIn before a session is opened. A person with a second factor who gave a
 * first factor gets no session: a challenge (256 bits, its SHA-256 stored, minutes-long, bound to
 * the client it is handed to) is committed with the spent first factor, and the request answers UNAUTHENTICATED with
 * `reason: SECOND_FACTOR_REQUIRED`, `challenge`, `challengeExpiresAt` and `factors` (what
 * completes it). Old clients see a failed sign-in, never a half-made session.
 */
export async function challengeIfSecondFactor(
  ctx: IdentityContext,
  options: IdentityOptions,
  user: User,
  method: SignInMethod,
): Promise<void> {
  if (!FIRST_FACTORS.has(method)) return;
  const factors = await secondFactorsOf(ctx.em, user.id);
  if (!factors.length) return;
  const token = newSessionToken();
  const now = options.now();
  const expiresAt = new Date(now.getTime() + CHALLENGE_LIFETIME_MS);
  ctx.em.create(SignInChallenge, {
    userId: user.id,
    tokenHash: hashToken(token),
    clientHash: challengeClientHash(ctx.origin),
    firstMethod: method,
    createdAt: now,
    expiresAt,
  });
  await ctx.tx.keepDespiteFailure();
  throw stewardError(ErrorCode.UNAUTHENTICATED, 'Give your second factor to finish signing in', {
    reason: SECOND_FACTOR_REQUIRED,
    challenge: token,
    challengeExpiresAt: expiresAt.toISOString(),
    factors,
  });
}
