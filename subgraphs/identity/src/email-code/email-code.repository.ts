import type { EntityManager } from '@mikro-orm/postgresql';
import { CODE_LIFETIME_MS, CODE_MAX_WRONG_TRIES, hashCode, newCodeSalt } from './code.ts';

/** An email's live code, as stored: its salt and hash, never the code. */
export interface StoredCode {
  salt: string;
  hash: string;
}

/**
 * Stores a new code for the email. One row per email: the new code replaces the old one, which
 * stops working, and the wrong tries start again from zero.
 */
export async function storeCode(em: EntityManager, email: string, code: string, now: Date): Promise<void> {
  const salt = newCodeSalt();
  await em.execute(
    `insert into identity.sign_in_codes (email, code_salt, code_hash, wrong_tries, created_at, expires_at, used_at)
     values (?, ?, ?, 0, ?, ?, null)
     on conflict (email) do update set code_salt = excluded.code_salt, code_hash = excluded.code_hash,
       wrong_tries = 0, created_at = excluded.created_at, expires_at = excluded.expires_at, used_at = null`,
    [email, salt, hashCode(code, salt), now, new Date(now.getTime() + CODE_LIFETIME_MS)],
  );
}

/** The email's code if it is still usable: not used, not expired, not worn out by wrong tries. */
export async function findLiveCode(em: EntityManager, email: string, now: Date): Promise<StoredCode | null> {
  const [row] = await em.execute<{ code_salt: string; code_hash: string }[]>(
    `select code_salt, code_hash from identity.sign_in_codes
      where email = ? and used_at is null and expires_at > ? and wrong_tries < ?`,
    [email, now, CODE_MAX_WRONG_TRIES],
  );
  return row ? { salt: row.code_salt, hash: row.code_hash } : null;
}

/**
 * Spends the code; false when a concurrent request spent it first (the row lock serializes them,
 * and the second sees `used_at` set).
 */
export async function spendCode(
  em: EntityManager,
  email: string,
  code: StoredCode,
  now: Date,
): Promise<boolean> {
  const rows = await em.execute<{ email: string }[]>(
    `update identity.sign_in_codes set used_at = ? where email = ? and code_salt = ? and used_at is null
     returning email`,
    [now, email, code.salt],
  );
  return rows.length === 1;
}

/** One more wrong try against this code (not against a newer one sent meanwhile). */
export async function countWrongTry(em: EntityManager, email: string, code: StoredCode): Promise<void> {
  await em.execute(
    `update identity.sign_in_codes set wrong_tries = wrong_tries + 1 where email = ? and code_salt = ?`,
    [email, code.salt],
  );
}
