import type { GraphQLError } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import type { SignInMethod } from '../sign-in-attempt/sign-in-attempt.entity.ts';
import { recordSignInAttempt } from '../sign-in-attempt/sign-in-attempt.repository.ts';
import { User } from '../user/user.entity.ts';
import { giveBackTry, takeTry, throttleKeysOf } from './throttle.repository.ts';

export interface FailedSignIn {
  email: string;
  /** The user the email belongs to, if known and trustworthy. */
  userId: string | null;
  method: SignInMethod;
  outcome: 'FAILURE' | 'LOCKED';
  /** Committed together with the attempt (an OIDC flow spent all the same). */
  alsoCommit?: (em: EntityManager) => Promise<void>;
}

/**
 * Records a failed or refused sign-in and its audit event, then lets the caller throw (a guess
 * was counted already, when its try was taken: checkCredential). The error rolls the request's
 * transaction back, so these commit apart, first (see RequestTransaction.commitBeforeFailing): a
 * failure is never lost to its own error.
 */
export async function recordFailedSignIn(
  ctx: IdentityContext,
  options: IdentityOptions,
  failure: FailedSignIn,
): Promise<void> {
  const now = options.now();
  await ctx.tx.commitBeforeFailing(async (em) => {
    await failure.alsoCommit?.(em);
    // A user created earlier in this operation was rolled back with it.
    const userId = failure.userId && (await em.count(User, { id: failure.userId })) ? failure.userId : null;
    await recordSignInAttempt(em, ctx, { ...failure, userId }, now);
  });
}

export interface CredentialCheck<Taken> {
  /**
   * Takes what the check will use, in the transaction that takes the try, committed before the
   * check (a code's own try: see takeCodeTry). Only when the limits let the try through.
   */
  take?: (em: EntityManager) => Promise<Taken>;
  /**
   * True when the code or password is right; reads, never writes (a code is spent after). Not
   * called while the attempt is throttled.
   */
  verify: (taken: Taken | undefined) => Promise<boolean>;
  /** Spends the time a check takes, so that a throttled refusal is not recognisable by its speed. */
  refuseUnchecked?: () => Promise<void>;
  /** The one answer to every refusal. */
  error: () => GraphQLError;
}

/**
 * Checks a guessable credential behind the brute-force limits. The try is taken first and
 * committed at once (takeTry: one locked row per key), so that parallel guesses are counted as
 * many and only those the limits allow are checked. While the account or the IP waits out a
 * delay or a lock, the attempt is refused unchecked (recorded LOCKED); a wrong credential is
 * recorded as FAILURE. Both throw the same error. A right one gives its try back.
 */
export async function checkCredential<Taken = undefined>(
  ctx: IdentityContext,
  options: IdentityOptions,
  attempt: { email: string; userId: string | null; method: SignInMethod },
  check: CredentialCheck<Taken>,
): Promise<void> {
  const keys = throttleKeysOf(attempt.email, ctx.origin.ip);
  const now = options.now();
  const { taken, tried } = await ctx.tx.commitNow(async (em) => {
    const tried = await takeTry(em, keys, options.bruteForce, now);
    return { tried, taken: tried.verdict === 'OPEN' ? await check.take?.(em) : undefined };
  });
  if (tried.verdict !== 'OPEN') {
    await check.refuseUnchecked?.();
    await recordFailedSignIn(ctx, options, { ...attempt, outcome: 'LOCKED' });
    throw check.error();
  }
  if (await check.verify(taken)) {
    // Committed at once too: what the request does next may roll back, the proof stands.
    await ctx.tx.commitNow((em) => giveBackTry(em, keys, tried));
    return;
  }
  await recordFailedSignIn(ctx, options, { ...attempt, outcome: 'FAILURE' });
  throw check.error();
}
