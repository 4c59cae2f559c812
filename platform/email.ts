import { z } from 'zod';

const Email = z.email().max(254);

/**
 * An email address as Steward stores and compares it (trimmed, lower case), or null when the
 * input is not one. Sign-in looks accounts up by it; an invitation is bound to it.
 */
export function parseEmail(input: string): string | null {
  const result = Email.safeParse(input.trim().toLowerCase());
  return result.success ? result.data : null;
}

/** Whether two inputs are the same address, compared as sign-in compares them. */
export function sameEmailAddress(a: string, b: string): boolean {
  const left = parseEmail(a);
  return left !== null && left === parseEmail(b);
}
