import type { EntityManager } from '@mikro-orm/postgresql';
import { PasskeyCeremony, type CeremonyPurpose } from './passkey-ceremony.entity.ts';

/** How long the browser has to answer a challenge (the options' timeout says the same). */
export const CEREMONY_LIFETIME_MS = 5 * 60_000;
/** Spent or abandoned ceremonies are kept this long past their expiry, then purged. */
const PURGE_AFTER_MS = 3600_000;

export async function createCeremony(
  em: EntityManager,
  ceremony: {
    purpose: CeremonyPurpose;
    userId: string | null;
    email?: string | null;
    challenge: string;
    now: Date;
  },
): Promise<PasskeyCeremony> {
  const { now } = ceremony;
  // Each start sweeps the old ones: they are useless once expired.
  await em.nativeDelete(PasskeyCeremony, { expiresAt: { $lt: new Date(now.getTime() - PURGE_AFTER_MS) } });
  const created = em.create(PasskeyCeremony, {
    purpose: ceremony.purpose,
    userId: ceremony.userId,
    email: ceremony.email ?? null,
    challenge: ceremony.challenge,
    createdAt: now,
    expiresAt: new Date(now.getTime() + CEREMONY_LIFETIME_MS),
    consumedAt: null,
  });
  await em.flush();
  return created;
}

/** Which live ceremony an answer is for: by its id (authentication) or its challenge (registration). */
export type CeremonyLookup =
  | { purpose: 'AUTHENTICATION'; id: string; userId?: string }
  | { purpose: 'REGISTRATION'; challenge: string; userId: string };

/**
 * Spends the live ceremony an answer is for and returns it, or null when there is none (unknown,
 * expired, already answered, or another user's). One conditional UPDATE: of concurrent answers to
 * one challenge, exactly one gets it.
 */
export async function consumeCeremony(
  em: EntityManager,
  lookup: CeremonyLookup,
  now: Date,
): Promise<PasskeyCeremony | null> {
  const key = lookup.purpose === 'AUTHENTICATION' ? { id: lookup.id } : { challenge: lookup.challenge };
  const rows = await em.execute<{ id: string }[]>(
    `update identity.passkey_ceremonies set consumed_at = ?
      where ${lookup.purpose === 'AUTHENTICATION' ? 'id = ?' : 'challenge = ?'}
        and purpose = ? and consumed_at is null and expires_at > ?
        and (?::uuid is null or user_id = ?::uuid)
      returning id`,
    [
      now,
      'id' in key ? key.id : key.challenge,
      lookup.purpose,
      now,
      lookup.userId ?? null,
      lookup.userId ?? null,
    ],
  );
  const id = rows[0]?.id;
  return id ? em.findOne(PasskeyCeremony, { id }, { refresh: true }) : null;
}
