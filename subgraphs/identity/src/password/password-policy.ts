import { readFileSync } from 'node:fs';

export const PASSWORD_MIN_LENGTH = 8;
/** Long passphrases are welcome, untruncated; the cap only bounds the hashing work. */
export const PASSWORD_MAX_LENGTH = 1024;

/** NIST SP 800-63B: compare and hash passwords in one Unicode normal form. */
export const normalizePassword = (password: string): string => password.normalize('NFKC');

/** Lengths count characters (code points), not UTF-16 units or bytes. */
export const passwordLength = (password: string): number => [...normalizePassword(password)].length;

// Loaded once: the common-password list shipped in data/ (see its README), compared lowercase.
const commonPasswords: ReadonlySet<string> = new Set(
  readFileSync(new URL('../../data/common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean),
);

export const isCommonPassword = (password: string): boolean =>
  commonPasswords.has(normalizePassword(password).toLowerCase());

/**
 * Why a new password is refused, or null. Length and the common list only: no composition rules
 * (NIST SP 800-63B). The account's own email is as guessable as a common password.
 */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if (password.length > 2 * PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters`;
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters`;
  if (isCommonPassword(password)) return 'This password is too common: choose another';
  const lower = normalizePassword(password).toLowerCase();
  if (context.email && [context.email, context.email.split('@')[0]].includes(lower)) {
    return 'Do not use your email address as your password';
  }
  return null;
}
