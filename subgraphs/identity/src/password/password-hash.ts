import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { normalizePassword } from './password-policy.ts';

/** argon2id at OWASP's and RFC 9106's floor: 19 MiB, 2 passes, 1 lane. PHC string, random salt. */
const ARGON2 = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(normalizePassword(password), ARGON2);

// Verified against when there is no real hash, so that an unknown email or a user without a
// password costs what a wrong password costs. Made once, when this module loads.
const dummyHash = argon2.hash(randomBytes(32).toString('base64url'), ARGON2);

// How long a verification takes here, as a moving average: what a refusal without one waits.
let typicalVerifyMs = 50;

/** Whether `password` matches `hash`; with no hash, the same work and false. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  const started = performance.now();
  const matches = await argon2
    .verify(hash ?? (await dummyHash), normalizePassword(password))
    .catch(() => false);
  typicalVerifyMs = 0.8 * typicalVerifyMs + 0.2 * (performance.now() - started);
  return hash !== null && matches;
}

/**
 * Takes as long as a verification, without its work: a refusal while throttled is not told apart
 * by its speed, and a flood of refused guesses costs no hashing (it would starve the real ones).
 */
export const waitLikeVerification = (): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, typicalVerifyMs));

/** A hash made with weaker parameters than today's, to be replaced at the next sign-in. */
export const isOutdatedHash = (hash: string): boolean => argon2.needsRehash(hash, ARGON2);
