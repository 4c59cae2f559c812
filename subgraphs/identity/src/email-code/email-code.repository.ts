import type { EntityManager } from '@mikro-orm/postgresql';
import { CODE_LIFETIME_MS, CODE_MAX_TRIES, hashCode, newCodeSalt } from './code.ts';

/** One of an email's live codes, as stored: its salt and hash, never the code. */
export interface StoredCode {
  id: string;
  salt: string;
  hash: string;
}

/**
 * Stores a new code for the email, beside the ones still live: a new code does not kill the one
 * its owner may be typing (how many are sent is requestSignInCode's limit). Spent and expired
 * codes of the email go.
 */
export async function storeCode(em: EntityManager, email: string, code: string, now: Date): Promise<void> {
  await em.execute(
    `delete from identity.sign_in_codes where email = ? and (used_at is not null or expires_at <= ?)`,
    [email, now],
  );
  const salt = newCodeSalt();
  await em.execute(
    `insert into identity.sign_in_codes (email, code_salt, code_hash, wrong_tries, created_at, expires_at, used_at)
     values (?, ?, ?, 0, ?, ?, null)`,
    [email, salt, hashCode(code, salt), now, new Date(now.getTime() + CODE_LIFETIME_MS)],
  );
}

/**
 * Takes one try on each of the email's live codes (not used, not expired, tries left) and returns
 * them: one UPDATE … RETURNING, so concurrent guesses each spend a try and a code is never
 * checked more than CODE_MAX_TRIES times. `wrong_tries` counts the tries taken; the right one
 * spends its code.
 */
export async function takeCodeTry(em: EntityManager, email: string, now: Date): Promise<StoredCode[]> {
  const rows = await em.execute<{ id: string; code_salt: string; code_hash: string }[]>(
    `update identity.sign_in_codes set wrong_tries = wrong_tries + 1
      where email = ? and used_at is null and expires_at > ? and wrong_tries < ?
     returning id, code_salt, code_hash`,
    [email, now, CODE_MAX_TRIES],
  );
  return rows.map((row) => ({ id: row.id, salt: row.code_salt, hash: row.code_hash }));
}

/**
 * Spends the code, and with it every other code of the email: a sign-in ends them all. False when
 * a concurrent request spent it first (the row lock serializes them, and the second sees `used_at`).
 */
export async function spendCode(
  em: EntityManager,
  email: string,
  code: StoredCode,
  now: Date,
): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(
    `update identity.sign_in_codes set used_at = ? where id = ? and used_at is null returning id`,
    [now, code.id],
  );
  if (rows.length !== 1) return false;
  await em.execute(`update identity.sign_in_codes set used_at = ? where email = ? and used_at is null`, [
    now,
    email,
  ]);
  return true;
}

/** How many sign-in mails an address may get, and how soon after another. */
export interface CodeMailLimits {
  perHour: number;
  /** A request this soon after the last mail is absorbed: the code sent then is still live. */
  resendAfterMs: number;
}

/**
 * Takes one mail from the address's hourly allowance, or answers false: within `resendAfterMs`
 * of the last mail while the code it carried is still live (that code is what the owner types),
 * or once the hour's allowance is spent. One statement (the row is locked by
 * the upsert), so 30 concurrent requests send at most the allowance.
 */
export async function takeCodeMail(
  em: EntityManager,
  email: string,
  limits: CodeMailLimits,
  now: Date,
): Promise<boolean> {
  const hourAgo = new Date(now.getTime() - 3600_000);
  const resendFrom = new Date(now.getTime() - limits.resendAfterMs);
  const rows = await em.execute<{ email: string }[]>(
    `insert into identity.sign_in_code_mails as m (email, window_started_at, sent, last_sent_at)
     values (?, ?, 1, ?)
     on conflict (email) do update set
       window_started_at = case when m.window_started_at <= ? then excluded.window_started_at else m.window_started_at end,
       sent = case when m.window_started_at <= ? then 1 else m.sent + 1 end,
       last_sent_at = excluded.last_sent_at
     where (m.last_sent_at <= ? or not exists (
              select 1 from identity.sign_in_codes c
               where c.email = m.email and c.used_at is null and c.expires_at > ? and c.wrong_tries < ?))
       and (m.window_started_at <= ? or m.sent < ?)
     returning email`,
    [email, now, now, hourAgo, hourAgo, resendFrom, now, CODE_MAX_TRIES, hourAgo, limits.perHour],
  );
  return rows.length === 1;
}
