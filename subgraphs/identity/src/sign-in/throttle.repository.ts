import type { EntityManager } from '@mikro-orm/postgresql';
import type { IdentityOptions } from '../options.ts';
import {
  afterFailure,
  noFailures,
  verdictOf,
  worstOf,
  type ThrottlePolicy,
  type ThrottleState,
  type ThrottleVerdict,
} from './throttle.ts';

/** The keys an attempt is counted under: the account (its email) and the client IP, if known. */
export interface ThrottleKeys {
  account: string;
  ip: string | null;
}

export const throttleKeysOf = (email: string, ip: string | null): ThrottleKeys => ({
  account: `email:${email}`,
  ip: ip ? `ip:${ip}` : null,
});

// Raw queries return timestamps as the driver gives them (ISO strings here).
interface ThrottleRow {
  key: string;
  failures: number;
  last_failure_at: Date | string | null;
  locked_until: Date | string | null;
}

const dateOf = (value: Date | string | null) => (value === null ? null : new Date(value));

const stateOf = (row: ThrottleRow | undefined): ThrottleState =>
  row
    ? {
        failures: row.failures,
        lastFailureAt: dateOf(row.last_failure_at),
        lockedUntil: dateOf(row.locked_until),
      }
    : noFailures;

/** Each key with its policy, the account first: every transaction locks them in that order. */
function policed(keys: ThrottleKeys, policies: IdentityOptions['bruteForce']): [string, ThrottlePolicy][] {
  return [[keys.account, policies.account] as [string, ThrottlePolicy]].concat(
    keys.ip ? [[keys.ip, policies.ip]] : [],
  );
}

/** A row goes only with its subject's erasure: a try waiting for it then creates it again. */
const LOCK_ROUNDS = 5;

/**
 * Locks the key's row, creating it if needed. A success resets the account's row rather than
 * deleting it (resetAccountFailures): a try waiting for the lock then finds the row, reset, and
 * counts itself from there. Deleted, the row would be lost to every waiter at once, again with
 * each success of a burst, and a waiter could run out of rounds.
 */
async function lockRow(em: EntityManager, key: string): Promise<ThrottleRow> {
  for (let round = 0; round < LOCK_ROUNDS; round++) {
    await em.execute(`insert into identity.sign_in_throttles (key) values (?) on conflict (key) do nothing`, [
      key,
    ]);
    const [row] = await em.execute<ThrottleRow[]>(
      `select key, failures, last_failure_at, locked_until from identity.sign_in_throttles where key = ? for update`,
      [key],
    );
    if (row) return row;
  }
  throw new Error(`The brute-force counter ${key.split(':')[0]} could not be locked`);
}

/** A try taken under the brute-force limits, as `takeTry` answers it. */
export interface TakenTry {
  verdict: ThrottleVerdict;
  /** The IP lock this very try set, if it did: a success lifts it again. */
  ipLockSet: Date | null;
}

/**
 * Takes one try under each key before the credential is checked: both rows locked (the account
 * first, in every transaction), the verdict taken from their state, and the try counted as a
 * failure at once unless the verdict is LOCKED (nothing is tried then). Committed by the caller
 * before the check, so N concurrent tries are counted as N and only those the limits allow are
 * checked; a success gives its try back (giveBackTry).
 */
export async function takeTry(
  em: EntityManager,
  keys: ThrottleKeys,
  policies: IdentityOptions['bruteForce'],
  now: Date,
): Promise<TakenTry> {
  const locked: { key: string; policy: ThrottlePolicy; state: ThrottleState }[] = [];
  for (const [key, policy] of policed(keys, policies)) {
    locked.push({ key, policy, state: stateOf(await lockRow(em, key)) });
  }
  const verdict = worstOf(locked.map(({ state, policy }) => verdictOf(state, policy, now)));
  let ipLockSet: Date | null = null;
  if (verdict !== 'LOCKED') {
    for (const { key, policy, state } of locked) {
      const next = afterFailure(state, policy, now);
      await em.execute(
        `update identity.sign_in_throttles set failures = ?, last_failure_at = ?, locked_until = ? where key = ?`,
        [next.failures, next.lastFailureAt, next.lockedUntil, key],
      );
      if (key === keys.ip && next.lockedUntil && next.lockedUntil !== state.lockedUntil) {
        ipLockSet = next.lockedUntil;
      }
    }
  }
  return { verdict, ipLockSet };
}

/**
 * A right credential gives its try back: the account's run of failures ends, and the IP's count
 * loses the one try (and the lock, if this try set it), so that an office's successful sign-ins
 * never add up to a lock.
 */
export async function giveBackTry(em: EntityManager, keys: ThrottleKeys, taken: TakenTry): Promise<void> {
  await resetAccountFailures(em, keys);
  if (!keys.ip) return;
  await em.execute(
    `update identity.sign_in_throttles
        set failures = greatest(failures - 1, 0),
            locked_until = case when locked_until = ? then null else locked_until end
      where key = ?`,
    [taken.ipLockSet, keys.ip],
  );
}

/**
 * A success ends the account's run of failures (not the IP's: one good account must not clear it).
 * The row stays, reset, so that the tries waiting for its lock keep it (see lockRow).
 */
export async function resetAccountFailures(em: EntityManager, keys: ThrottleKeys): Promise<void> {
  await em.execute(
    `update identity.sign_in_throttles set failures = 0, last_failure_at = null, locked_until = null where key = ?`,
    [keys.account],
  );
}

/**
 * An admin's unlock: the lock goes and so does the wait the run of failures imposes, but the run
 * itself stays, so the next failure locks the account again. An unlock gives the member one try,
 * never an attacker nine more (a person's own right credential ends the run, as always).
 */
export async function liftAccountLock(
  em: EntityManager,
  keys: ThrottleKeys,
  policy: ThrottlePolicy,
  now: Date,
): Promise<void> {
  await em.execute(
    `update identity.sign_in_throttles set locked_until = null, last_failure_at = ? where key = ?`,
    [new Date(now.getTime() - policy.maxDelayMs - 1000), keys.account],
  );
}

/** Unlocks of one account: three a day; each one is counted like a failure under its own key. */
export const UNLOCK_POLICY: ThrottlePolicy = {
  delayAfter: Number.MAX_SAFE_INTEGER,
  baseDelayMs: 0,
  maxDelayMs: 0,
  lockAfter: 3,
  lockMs: 24 * 3600_000,
  resetAfterMs: 24 * 3600_000,
};

/** Counts one unlock of the account: false once its unlocks for the day are spent. */
export async function takeUnlock(em: EntityManager, keys: ThrottleKeys, now: Date): Promise<boolean> {
  const key = `unlock:${keys.account}`;
  const state = stateOf(await lockRow(em, key));
  if (verdictOf(state, UNLOCK_POLICY, now) === 'LOCKED') return false;
  const next = afterFailure(state, UNLOCK_POLICY, now);
  await em.execute(
    `update identity.sign_in_throttles set failures = ?, last_failure_at = ?, locked_until = ? where key = ?`,
    [next.failures, next.lastFailureAt, next.lockedUntil, key],
  );
  return true;
}
