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

export async function throttleVerdict(
  em: EntityManager,
  keys: ThrottleKeys,
  policies: IdentityOptions['bruteForce'],
  now: Date,
): Promise<ThrottleVerdict> {
  const rows = await em.execute<ThrottleRow[]>(
    `select key, failures, last_failure_at, locked_until from identity.sign_in_throttles where key in (?, ?)`,
    [keys.account, keys.ip],
  );
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return worstOf(
    policed(keys, policies).map(([key, policy]) => verdictOf(stateOf(byKey.get(key)), policy, now)),
  );
}

/** Counts one failure under each key (row-locked, so concurrent failures all count). */
export async function countFailure(
  em: EntityManager,
  keys: ThrottleKeys,
  policies: IdentityOptions['bruteForce'],
  now: Date,
): Promise<void> {
  for (const [key, policy] of policed(keys, policies)) {
    await em.execute(`insert into identity.sign_in_throttles (key) values (?) on conflict (key) do nothing`, [
      key,
    ]);
    const [row] = await em.execute<ThrottleRow[]>(
      `select key, failures, last_failure_at, locked_until from identity.sign_in_throttles where key = ? for update`,
      [key],
    );
    const next = afterFailure(stateOf(row), policy, now);
    await em.execute(
      `update identity.sign_in_throttles set failures = ?, last_failure_at = ?, locked_until = ? where key = ?`,
      [next.failures, next.lastFailureAt, next.lockedUntil, key],
    );
  }
}

/** A success ends the account's run of failures (not the IP's: one good account must not clear it). */
export async function resetAccountFailures(em: EntityManager, keys: ThrottleKeys): Promise<void> {
  await em.execute(`delete from identity.sign_in_throttles where key = ?`, [keys.account]);
}
