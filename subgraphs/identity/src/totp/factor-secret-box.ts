import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Second-factor secrets at rest: AES-256-GCM under STEWARD_FACTOR_KEY, the owner's id as
 * additional data, so a ciphertext copied onto another account does not decrypt.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, each base64url.
 */
export function sealFactorSecret(key: Buffer, ownerId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(ownerId));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), sealed]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The secret, or an exception when the key, the owner or the ciphertext is not the one sealed. */
export function openFactorSecret(key: Buffer, ownerId: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unknown factor secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(ownerId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
