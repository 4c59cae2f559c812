import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../../platform/canonical-json.ts';
import {
  signBytes,
  signingKeysOf,
  verifyBytes,
  type SigningKeys,
} from '../../../../platform/signing-keys.ts';

export { keyIdOf } from '../../../../platform/signing-keys.ts';

/** What a checkpoint signature covers. */
export interface CheckpointContent {
  organizationId: string;
  sequence: number;
  hash: string;
  purgedAt: Date;
}

/** The key that signs new checkpoints, and every key whose old checkpoints still verify. */
export type CheckpointKeys = SigningKeys;

/** Keys from the signing key (Ed25519, private) and any retired public keys kept for verification. */
export const checkpointKeysOf = (signingKey: KeyObject, retired: KeyObject[] = []): CheckpointKeys =>
  signingKeysOf(signingKey, retired, 'audit signing');

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

export const signCheckpoint = (keys: CheckpointKeys, content: CheckpointContent) =>
  signBytes(keys, encode(content));

export const verifyCheckpoint = (
  keys: Pick<CheckpointKeys, 'verifying'>,
  content: CheckpointContent,
  keyId: string,
  signature: string,
): boolean => verifyBytes(keys.verifying, encode(content), keyId, signature);
