import { badInput } from '../../platform/errors.ts';

/**
 * A list argument `first`: at most that many, in the list's own order (all when omitted). The
 * gateway already refuses a negative or oversized page; a direct caller gets the same answer.
 */
export function firstOf<T>(items: readonly T[], first: number | null | undefined): T[] {
  if (first === null || first === undefined) return [...items];
  if (!Number.isInteger(first) || first < 0) throw badInput('first must be 0 or more', 'first');
  return items.slice(0, first);
}
