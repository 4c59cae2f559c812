import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A code is good for 10 minutes… */
export const CODE_LIFETIME_MS = 10 * 60_000;
/** …and for 5 tries (concurrent ones included); the next is refused whatever the code. */
export const CODE_MAX_TRIES = 5;

/** Six digits from the CSPRNG, leading zeros included. */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const isCodeShaped = (input: string): boolean => /^[0-9]{6}$/.test(input);

export const newCodeSalt = (): string => randomBytes(16).toString('hex');

/** HMAC-SHA-256 of the code under a per-row salt: the code itself is never stored. */
export const hashCode = (code: string, salt: string): string =>
  createHmac('sha256', Buffer.from(salt, 'hex')).update(code).digest('hex');

/** Compares in constant time, so the answer's timing says nothing about how close a guess was. */
export function codeMatches(code: string, salt: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashCode(code, salt), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
