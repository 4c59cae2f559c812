import { ErrorCode, stewardError } from './errors.ts';
import type { Principal } from './principal.ts';

/** `extensions.reason` of an operation that needs a factor given within the last minutes. */
export const STEP_UP_REQUIRED = 'STEP_UP_REQUIRED';

/** Five minutes: how recent a sign-in or step-up must be by default (STEWARD_REAUTHENTICATION_MINUTES). */
export const DEFAULT_STEP_UP_WINDOW_MS = 5 * 60_000;

/**
 * Whether the principal's session was authenticated (signed in, or stepped up) within `windowMs`.
 * The gateway carries when, from identity's session (a step-up drops its cached principal); a
 * principal without it (an API key, a service) never has.
 */
export function hasRecentFactor(principal: Principal, now: Date, windowMs: number): boolean {
  if (principal.kind !== 'user' || !principal.authenticatedAt) return false;
  return now.getTime() - Date.parse(principal.authenticatedAt) <= windowMs;
}

/**
 * Sensitive operations outside identity (export, deletion) call this: FORBIDDEN with
 * `reason: STEP_UP_REQUIRED` unless the session is freshly authenticated; the client steps up
 * (identity's stepUpWith… mutations) and retries.
 */
export function requireRecentFactor(principal: Principal, now: Date, windowMs: number): void {
  if (!hasRecentFactor(principal, now, windowMs)) {
    throw stewardError(ErrorCode.FORBIDDEN, 'Confirm it is you (step-up) to do this', {
      reason: STEP_UP_REQUIRED,
    });
  }
}
