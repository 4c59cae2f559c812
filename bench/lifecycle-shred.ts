/**
 * The lifecycle scenario's crypto-shredding figures: when a deletion destroyed the organization's
 * data keys (from its certificate), and a copy of its sealed name taken before the deletion (as a
 * backup holds it) opened before and after.
 */
import type pg from 'pg';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { localKeyEncryptionKey } from '../platform/crypto/key-encryption-key.ts';
import { isSealedContent } from '../platform/crypto/sealed-content.ts';
import { standaloneSealer } from '../scripts/lib/standalone-sealer.ts';
import { organizationNamePlace } from '../subgraphs/tenancy/src/sealed-names.ts';

/**
 * Crypto-shredding's moment: the deletion destroys the subject's data keys first, and from then
 * every copy of what was sealed under them (backups, retained audit events) is unreadable.
 */
export interface ShredTiming {
  /** The keys the certificate lists as destroyed, each with its destruction time. */
  keys: { id: string; destroyedAt: string }[];
  /** requestedAt → the last key's destroyedAt: how long the sealed content stayed readable. */
  requestedToKeysDestroyedSeconds: number;
  /** The deletion's start (its job claimed) → keys destroyed; the rest was the wait for a worker. */
  startedToKeysDestroyedSeconds: number;
  /** Keys destroyed → completed: the rows erased and verified, the certificate signed. */
  keysDestroyedToCompletedSeconds: number;
}

interface CertificateTimes {
  request?: { requestedAt?: string; startedAt?: string };
  keys?: { destroyed?: { id: string; destroyedAt: string }[] };
}

/** The shred's times from a certificate and the deletion's completion; null when it destroyed no key. */
export function shredTimingOf(
  certificate: unknown,
  completedAt: string | null | undefined,
): ShredTiming | null {
  const { request, keys } = (certificate ?? {}) as CertificateTimes;
  const destroyed = keys?.destroyed ?? [];
  if (!destroyed.length || !request?.requestedAt || !request.startedAt || !completedAt) return null;
  const destroyedAt = Math.max(...destroyed.map((key) => Date.parse(key.destroyedAt)));
  return {
    keys: destroyed.map(({ id, destroyedAt }) => ({ id, destroyedAt })),
    requestedToKeysDestroyedSeconds: (destroyedAt - Date.parse(request.requestedAt)) / 1000,
    startedToKeysDestroyedSeconds: (destroyedAt - Date.parse(request.startedAt)) / 1000,
    keysDestroyedToCompletedSeconds: (Date.parse(completedAt) - destroyedAt) / 1000,
  };
}

/**
 * The organization's name as stored (sealed) before its deletion, a copy as a backup or a retained
 * audit event holds one, and how it opens through the key store as lifecycle's runtime role (no
 * key cache: each open reads the store): its plaintext now, null once the keys are destroyed.
 */
export async function sealedCopyOfOrganizationName(
  client: pg.Client,
  connection: { databaseUrl: string; dbSecret: string; keyEncryptionKey: string },
  organizationId: string,
) {
  const { rows } = await client.query<{ name: string }>(
    'select name from tenancy.organizations where id = $1',
    [organizationId],
  );
  const stored = rows[0]?.name ?? '';
  const open = async () => {
    const keys = standaloneSealer(
      urlForRole(connection.databaseUrl, rolesOf('lifecycle').runtime, connection.dbSecret),
      { keyEncryptionKey: localKeyEncryptionKey(connection.keyEncryptionKey), cacheMs: 0 },
    );
    try {
      return await keys.sealer.openField(stored, organizationNamePlace(organizationId));
    } finally {
      await keys.close();
    }
  };
  return { sealed: isSealedContent(stored), openedBefore: await open(), open };
}

/** The organization's data keys still in the key store (0 after its deletion). */
export async function keysLeftOf(client: pg.Client, organizationId: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `select count(*) as n from subject_keys.data_keys where subject_kind = 'organization' and subject_id = $1`,
    [organizationId],
  );
  return Number(rows[0]!.n);
}
