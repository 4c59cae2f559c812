import type { GraphQLError } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IdentityContext } from '../context.ts';
import type { IdentityOptions } from '../options.ts';
import type { SignInMethod } from '../sign-in-attempt/sign-in-attempt.entity.ts';
import { recordSignInAttempt } from '../sign-in-attempt/sign-in-attempt.repository.ts';
import { User } from '../user/user.entity.ts';
import { countFailure, throttleKeysOf, throttleVerdict } from './throttle.repository.ts';

export interface FailedSignIn {
  email: string;
  /** The user the email belongs to, if known and trustworthy. */
  userId: string | null;
  method: SignInMethod;
  outcome: 'FAILURE' | 'LOCKED';
  /** Counts toward the brute-force limits; by default a wrong code or password does, nothing else. */
  counted?: boolean;
  /** Committed together with the attempt (a code's own wrong tries). */
  alsoCommit?: (em: EntityManager) => Promise<void>;
}

const GUESSABLE: readonly SignInMethod[] = ['EMAIL_CODE', 'PASSWORD'];

/**
 * Records a failed or refused sign-in, its audit event and its counters, then lets the caller
 * throw. The error rolls the request's transaction back, so these commit apart, first (see
 * RequestTransaction.commitBeforeFailing): a failure is never lost to its own error.
 */
export async function recordFailedSignIn(
  ctx: IdentityContext,
  options: IdentityOptions,
  failure: FailedSignIn,
): Promise<void> {
  const now = options.now();
  const counted = failure.counted ?? (failure.outcome === 'FAILURE' && GUESSABLE.includes(failure.method));
  await ctx.tx.commitBeforeFailing(async (em) => {
    await failure.alsoCommit?.(em);
    if (counted)
      await countFailure(em, throttleKeysOf(failure.email, ctx.origin.ip), options.bruteForce, now);
    // A user created earlier in this operation was rolled back with it.
    const userId = failure.userId && (await em.count(User, { id: failure.userId })) ? failure.userId : null;
    await recordSignInAttempt(em, ctx, { ...failure, userId }, now);
  });
}

export interface CredentialCheck {
  /** True when the code or password is right. Not called while the attempt is throttled. */
  verify: () => Promise<boolean>;
  /** Spends the time a check takes, so that a throttled refusal is not recognisable by its speed. */
  refuseUnchecked?: () => Promise<void>;
  /** Committed with the failure of a wrong credential. */
  onWrong?: (em: EntityManager) => Promise<void>;
  /** The one answer to every refusal. */
  error: () => GraphQLError;
}

/**
 * Checks a guessable credential behind the brute-force limits. While the account or the IP waits
 * out a delay or a lock, the attempt is refused unchecked (recorded LOCKED; counted during a
 * delay); a wrong credential is recorded as FAILURE. Both throw the same error.
 */
export async function checkCredential(
  ctx: IdentityContext,
  options: IdentityOptions,
  attempt: { email: string; userId: string | null; method: SignInMethod },
  check: CredentialCheck,
): Promise<void> {
  const keys = throttleKeysOf(attempt.email, ctx.origin.ip);
  const verdict = await throttleVerdict(ctx.em, keys, options.bruteForce, options.now());
  if (verdict !== 'OPEN') {
    await check.refuseUnchecked?.();
    await recordFailedSignIn(ctx, options, { ...attempt, outcome: 'LOCKED', counted: verdict === 'DELAYED' });
    throw check.error();
  }
  if (await check.verify()) return;
  await recordFailedSignIn(ctx, options, { ...attempt, outcome: 'FAILURE', alsoCommit: check.onWrong });
  throw check.error();
}
