import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** An Ed25519 key that signs new documents, and every public key whose old signatures still verify. */
export interface SigningKeys {
  signing: { key: KeyObject; keyId: string };
  verifying: Map<string, KeyObject>;
}

/** First 16 hex digits of the SHA-256 of the public key's SPKI DER: names a key in a signed document. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Keys from the signing key (Ed25519, private) and any retired public keys kept for verification. */
export function signingKeysOf(
  signingKey: KeyObject,
  retired: KeyObject[] = [],
  purpose = 'signing',
): SigningKeys {
  if (signingKey.asymmetricKeyType !== 'ed25519' || signingKey.type !== 'private') {
    throw new Error(`The ${purpose} key must be an Ed25519 private key`);
  }
  const verifying = new Map<string, KeyObject>();
  for (const key of [...retired, createPublicKey(signingKey)]) verifying.set(keyIdOf(key), key);
  return { signing: { key: signingKey, keyId: keyIdOf(signingKey) }, verifying };
}

export function signBytes(keys: SigningKeys, bytes: Buffer): { keyId: string; signature: string } {
  return { keyId: keys.signing.keyId, signature: sign(null, bytes, keys.signing.key).toString('base64url') };
}

/** Whether `signature` (base64url) is `keyId`'s Ed25519 signature of `bytes`; never throws. */
export function verifyBytes(
  verifying: ReadonlyMap<string, KeyObject>,
  bytes: Buffer,
  keyId: string,
  signature: string,
): boolean {
  const key = verifying.get(keyId);
  if (!key) return false;
  try {
    return verify(null, bytes, key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
