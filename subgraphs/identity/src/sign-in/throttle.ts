/** Brute-force limits for one kind of key (an account's email, a client IP). */
export interface ThrottlePolicy {
  /** From this many consecutive failures on, the next attempt must wait (progressive delay). */
  delayAfter: number;
  /** The first wait; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** This many consecutive failures lock the key, and so does each further one. */
  lockAfter: number;
  lockMs: number;
  /** Failures older than this are forgotten: the count starts again. */
  resetAfterMs: number;
}

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date | null;
  lockedUntil: Date | null;
}

/** OPEN: check the credential. DELAYED or LOCKED: refuse it unchecked. */
export type ThrottleVerdict = 'OPEN' | 'DELAYED' | 'LOCKED';

export const noFailures: ThrottleState = { failures: 0, lastFailureAt: null, lockedUntil: null };

const isLocked = (state: ThrottleState, now: Date) => state.lockedUntil !== null && state.lockedUntil > now;

/** The consecutive failures that still count at `now`. */
export function failuresAt(state: ThrottleState, policy: ThrottlePolicy, now: Date): number {
  if (!state.lastFailureAt) return 0;
  return now.getTime() - state.lastFailureAt.getTime() > policy.resetAfterMs ? 0 : state.failures;
}

/** How long after its last failure a key with `failures` consecutive failures must wait. */
export function delayMs(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.delayAfter) return 0;
  const exponent = Math.min(failures - policy.delayAfter, 30);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

export function verdictOf(state: ThrottleState, policy: ThrottlePolicy, now: Date): ThrottleVerdict {
  if (isLocked(state, now)) return 'LOCKED';
  const failures = failuresAt(state, policy, now);
  const wait = delayMs(failures, policy);
  if (wait > 0 && state.lastFailureAt && now.getTime() < state.lastFailureAt.getTime() + wait) {
    return 'DELAYED';
  }
  return 'OPEN';
}

/** The worst of several verdicts (account and IP): one locked key refuses the attempt. */
export function worstOf(verdicts: ThrottleVerdict[]): ThrottleVerdict {
  if (verdicts.includes('LOCKED')) return 'LOCKED';
  return verdicts.includes('DELAYED') ? 'DELAYED' : 'OPEN';
}

/**
 * The state after one more failure. A refusal while locked is not counted (nothing was tried);
 * a refusal during a delay is, so that hammering through the delay only reaches the lock sooner.
 */
export function afterFailure(state: ThrottleState, policy: ThrottlePolicy, now: Date): ThrottleState {
  if (isLocked(state, now)) return state;
  const failures = failuresAt(state, policy, now) + 1;
  return {
    failures,
    lastFailureAt: now,
    lockedUntil: failures >= policy.lockAfter ? new Date(now.getTime() + policy.lockMs) : null,
  };
}
