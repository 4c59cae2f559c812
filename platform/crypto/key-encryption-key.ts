import { createHash } from 'node:crypto';
import { DATA_KEY_BYTES, SealedValueError, open, seal } from './sealed-box.ts';

/**
 * What wraps the subjects' data keys, and the few secrets Steward must read back (an
 * organization's identity provider secret): the only key Steward does not keep in its database.
 * `context` names what the wrapped value belongs to (a subject, a row's field), bound as
 * associated data, so a wrapped value copied to another row does not unwrap.
 *
 * The local implementation below holds the key in configuration (`STEWARD_KEY_ENCRYPTION_KEY`).
 * A KMS implements the same three members without the key ever entering the process:
 * - AWS KMS: `wrap` = Encrypt(KeyId, Plaintext = data key, EncryptionContext = { subject: context }),
 *   `unwrap` = Decrypt(CiphertextBlob, EncryptionContext), `id` = the key's ARN; rotation is
 *   KMS's automatic rotation, and re-wrapping (`npm run rotate-kek`) moves to a new key ARN.
 * - HashiCorp Vault transit: `wrap` = POST transit/encrypt/<name> with `context` (derived keys),
 *   `unwrap` = transit/decrypt/<name>, `id` = <name>:<version>; `transit/rewrap` re-wraps.
 */
export interface KeyEncryptionKey {
  /** Names this key; every value it wraps starts with it, so a rotation knows what to re-wrap. */
  readonly id: string;
  wrap(secret: Buffer, context: string): Promise<string>;
  unwrap(wrapped: string, context: string): Promise<Buffer>;
}

/** The key id: the first 16 hex digits of SHA-256 over a label and the key (never the key itself). */
const idOf = (key: Buffer) =>
  'local:' + createHash('sha256').update('steward-kek-id\0').update(key).digest('hex').slice(0, 16);

/** A key-encryption key held in configuration: 32 random bytes, base64 (`npm run keys` makes one). */
export function localKeyEncryptionKey(base64: string): KeyEncryptionKey {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== DATA_KEY_BYTES) {
    throw new Error(
      `STEWARD_KEY_ENCRYPTION_KEY must be ${DATA_KEY_BYTES} bytes, base64-encoded (got ${key.length})`,
    );
  }
  const id = idOf(key);
  return {
    id,
    // `<key id>/<sealed>`: a wrapped value names the key that opens it (a rotation finds what to re-wrap).
    wrap: async (secret, context) => `${id}/${seal(key, secret, `wrapped\0${id}\0${context}`)}`,
    unwrap: async (wrapped, context) => {
      if (!wrapped.startsWith(`${id}/`)) throw new SealedValueError('malformed');
      return open(key, wrapped.slice(id.length + 1), `wrapped\0${id}\0${context}`);
    },
  };
}

/** Development and tests only (production requires STEWARD_KEY_ENCRYPTION_KEY): a fixed, public key. */
export const DEVELOPMENT_KEY_ENCRYPTION_KEY = createHash('sha256')
  .update('steward-development-key-encryption-key')
  .digest('base64');

/**
 * The configured key-encryption key with the retired ones still readable (a rotation's window):
 * wraps under `current`; unwraps with whichever key's id the wrapped value starts with. Once
 * `npm run rotate-kek` has re-wrapped everything under `current`, the retired keys can go.
 */
export function keyEncryptionKeyRing(
  current: KeyEncryptionKey,
  retired: readonly KeyEncryptionKey[] = [],
): KeyEncryptionKey {
  const all = [current, ...retired.filter((key) => key.id !== current.id)];
  return {
    id: current.id,
    wrap: (secret, context) => current.wrap(secret, context),
    unwrap: (wrapped, context) => {
      const key = all.find((candidate) => wrapped.startsWith(`${candidate.id}/`));
      if (!key) throw new SealedValueError('malformed');
      return key.unwrap(wrapped, context);
    },
  };
}

/** Whether `wrapped` was wrapped by `key` (a rotation re-wraps the others). */
export const isWrappedBy = (key: KeyEncryptionKey, wrapped: string): boolean =>
  wrapped.startsWith(`${key.id}/`);

/**
 * The key-encryption key from configuration: STEWARD_KEY_ENCRYPTION_KEY (development: the public
 * one) and, during a rotation, STEWARD_RETIRED_KEY_ENCRYPTION_KEYS (comma-separated, base64).
 */
export function keyEncryptionKeyFromEnv(env: {
  STEWARD_KEY_ENCRYPTION_KEY?: string;
  STEWARD_RETIRED_KEY_ENCRYPTION_KEYS?: readonly string[];
}): KeyEncryptionKey {
  return keyEncryptionKeyRing(
    localKeyEncryptionKey(env.STEWARD_KEY_ENCRYPTION_KEY ?? DEVELOPMENT_KEY_ENCRYPTION_KEY),
    (env.STEWARD_RETIRED_KEY_ENCRYPTION_KEYS ?? []).map(localKeyEncryptionKey),
  );
}
