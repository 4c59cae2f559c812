import { describe, expect, it } from '@jest/globals';
import { defaultBruteForce } from '../config.ts';
import {
  afterFailure,
  delayMs,
  noFailures,
  verdictOf,
  worstOf,
  type ThrottlePolicy,
  type ThrottleState,
} from './throttle.ts';

const policy: ThrottlePolicy = defaultBruteForce.account;
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 21) + seconds * 1000);

/** Fails `n` times, each `gapSeconds` after the previous one, starting at t=0. */
function fail(n: number, gapSeconds = 0, from: ThrottleState = noFailures): ThrottleState {
  let state = from;
  for (let i = 0; i < n; i++) state = afterFailure(state, policy, at(i * gapSeconds));
  return state;
}

describe('throttle arithmetic (account defaults)', () => {
  it('lets the first three failures through without delay', () => {
    expect(verdictOf(fail(1), policy, at(0))).toBe('OPEN');
    expect(verdictOf(fail(2), policy, at(0))).toBe('OPEN');
  });

  it('doubles the wait from the third consecutive failure: 1 s, 2 s, 4 s…, capped', () => {
    expect([2, 3, 4, 5, 9].map((n) => delayMs(n, policy))).toEqual([0, 1000, 2000, 4000, 60_000]);
    const three = fail(3);
    expect(verdictOf(three, policy, at(0.5))).toBe('DELAYED');
    expect(verdictOf(three, policy, at(1))).toBe('OPEN');
    const five = fail(5);
    expect(verdictOf(five, policy, at(3.9))).toBe('DELAYED');
    expect(verdictOf(five, policy, at(4))).toBe('OPEN');
  });

  it('locks on the tenth consecutive failure for 15 minutes, refusals during a delay included', () => {
    const nine = fail(9);
    expect(nine.lockedUntil).toBeNull();
    const ten = afterFailure(nine, policy, at(0));
    expect(ten).toMatchObject({ failures: 10, lockedUntil: at(15 * 60) });
    expect(verdictOf(ten, policy, at(15 * 60 - 1))).toBe('LOCKED');
    expect(verdictOf(ten, policy, at(15 * 60))).toBe('OPEN');
  });

  it('does not count refusals while locked, and locks again on the next failure after it', () => {
    const locked = fail(10);
    expect(afterFailure(locked, policy, at(60))).toBe(locked);
    const again = afterFailure(locked, policy, at(16 * 60));
    expect(again).toMatchObject({ failures: 11, lockedUntil: at(31 * 60) });
  });

  it('forgets failures older than the reset period', () => {
    const four = fail(4);
    const later = at(24 * 3600 + 1);
    expect(verdictOf(four, policy, later)).toBe('OPEN');
    expect(afterFailure(four, policy, later)).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it('takes the worst verdict of account and IP', () => {
    expect(worstOf(['OPEN', 'OPEN'])).toBe('OPEN');
    expect(worstOf(['DELAYED', 'OPEN'])).toBe('DELAYED');
    expect(worstOf(['DELAYED', 'LOCKED'])).toBe('LOCKED');
  });

  it('gives a client IP more room than an account', () => {
    const ip = defaultBruteForce.ip;
    let state = noFailures;
    for (let i = 0; i < ip.lockAfter - 1; i++) state = afterFailure(state, ip, at(i * 60));
    expect(state.lockedUntil).toBeNull();
    expect(afterFailure(state, ip, at(ip.lockAfter * 60)).lockedUntil).not.toBeNull();
    expect(policy.lockAfter).toBeLessThan(100);
  });
});
