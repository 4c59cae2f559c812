import { createHmac, randomInt } from 'node:crypto';

/** Ten codes; each works once. */
export const RECOVERY_CODE_COUNT = 10;
// No 0/O, 1/I/L: codes are read off paper.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A code of 10 characters (about 49 bits), shown as `XXXXX-XXXXX`. */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** What the person may type: case, spaces and dashes do not matter. */
export const normalRecoveryCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '');

/**
 * HMAC-SHA-256 under STEWARD_FACTOR_KEY: a stolen table alone cannot be searched for the codes,
 * and a lookup by hash finds a code without a per-row salt.
 */
export const recoveryCodeHash = (key: Buffer, typed: string): string =>
  createHmac('sha256', key).update(normalRecoveryCode(typed)).digest('hex');

export const isRecoveryCodeShaped = (typed: string): boolean =>
  typed.length <= 40 && /^[A-Z0-9]{10}$/.test(normalRecoveryCode(typed));
