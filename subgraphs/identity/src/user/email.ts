import { z } from 'zod';

const Email = z.email().max(254);

/** A normalized email address, or null when the input is not one. */
export function parseEmail(input: string): string | null {
  const result = Email.safeParse(input.trim().toLowerCase());
  return result.success ? result.data : null;
}
