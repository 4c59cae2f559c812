import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with associated data, from Node's crypto: what Steward encrypts at rest (a field
 * under its subject's data key, a data key under the key-encryption key). The associated data
 * names where the ciphertext belongs (table, row, field; or the subject a data key is for), so a
 * ciphertext copied to another row or field fails to open instead of reading as that row's.
 *
 * A sealed value is `v1.` + base64url(nonce ‖ ciphertext ‖ tag), a 96-bit random nonce per
 * seal: a key seals far fewer than 2^32 values in Steward (one subject's fields), within GCM's bound.
 */
const VERSION = 'v1.';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

/** A ciphertext that does not open under its key and associated data: tampered, moved or truncated. */
export class SealedValueError extends Error {
  readonly reason: 'malformed' | 'unauthentic';
  constructor(reason: 'malformed' | 'unauthentic') {
    super(reason === 'malformed' ? 'Not a sealed value' : 'The sealed value does not authenticate');
    this.reason = reason;
    this.name = 'SealedValueError';
  }
}

function checkKey(key: Buffer): void {
  if (key.length !== DATA_KEY_BYTES)
    throw new Error(`An AES-256-GCM key is ${DATA_KEY_BYTES} bytes, not ${key.length}`);
}

export function seal(key: Buffer, plaintext: Buffer | string, associatedData: string): string {
  checkKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return VERSION + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
}

/** The plaintext, or SealedValueError: never bytes that did not authenticate. */
export function open(key: Buffer, sealed: string, associatedData: string): Buffer {
  checkKey(key);
  if (!sealed.startsWith(VERSION)) throw new SealedValueError('malformed');
  const bytes = Buffer.from(sealed.slice(VERSION.length), 'base64url');
  if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new SealedValueError('malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    const plaintext = decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES));
    // GCM writes nothing more on final(): it only checks the tag.
    decipher.final();
    return plaintext;
  } catch {
    throw new SealedValueError('unauthentic');
  }
}

export const isSealed = (value: string): boolean => value.startsWith(VERSION);
