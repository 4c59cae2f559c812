import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../event/canonical.ts';

/** What a checkpoint signature covers. */
export interface CheckpointContent {
  organizationId: string;
  sequence: number;
  hash: string;
  purgedAt: Date;
}

/** The key that signs new checkpoints, and every key whose old checkpoints still verify. */
export interface CheckpointKeys {
  signing: { key: KeyObject; keyId: string };
  verifying: Map<string, KeyObject>;
}

/** First 16 hex digits of the SHA-256 of the public key's SPKI DER: names a key in a checkpoint. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Keys from the signing key (Ed25519, private) and any retired public keys kept for verification. */
export function checkpointKeysOf(signingKey: KeyObject, retired: KeyObject[] = []): CheckpointKeys {
  if (signingKey.asymmetricKeyType !== 'ed25519' || signingKey.type !== 'private') {
    throw new Error('The audit signing key must be an Ed25519 private key');
  }
  const verifying = new Map<string, KeyObject>();
  for (const key of [...retired, createPublicKey(signingKey)]) verifying.set(keyIdOf(key), key);
  return { signing: { key: signingKey, keyId: keyIdOf(signingKey) }, verifying };
}

let developmentKey: KeyObject | undefined;

/**
 * A key for development and tests when none is configured: one per process, so checkpoints it
 * signed stop verifying after a restart. Production requires STEWARD_AUDIT_SIGNING_KEY.
 */
export function developmentSigningKey(): KeyObject {
  developmentKey ??= generateKeyPairSync('ed25519').privateKey;
  return developmentKey;
}

const encode = (content: CheckpointContent) =>
  Buffer.from(
    canonicalJson({
      v: 1,
      organizationId: content.organizationId,
      sequence: content.sequence,
      hash: content.hash,
      purgedAt: content.purgedAt.toISOString(),
    }),
    'utf8',
  );

export function signCheckpoint(keys: CheckpointKeys, content: CheckpointContent) {
  return {
    keyId: keys.signing.keyId,
    signature: sign(null, encode(content), keys.signing.key).toString('base64url'),
  };
}

export function verifyCheckpoint(
  keys: CheckpointKeys,
  content: CheckpointContent,
  keyId: string,
  signature: string,
): boolean {
  const key = keys.verifying.get(keyId);
  if (!key) return false;
  try {
    return verify(null, encode(content), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
