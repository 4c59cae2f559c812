import type { EntityManager } from '@mikro-orm/postgresql';
import { canonicalJson } from '../../../../platform/canonical-json.ts';
import { signBytes, verifyBytes } from '../../../../platform/signing-keys.ts';
import type { CheckpointKeys } from './checkpoint-signature.ts';

/**
 * A chain verified up to `sequence`, whose event there hashed to `hash`, at `verifiedAt`: signed
 * with the audit signing key, so `auditChain` re-hashes only what was appended after it.
 */
export interface VerifiedCheckpointContent {
  organizationId: string;
  sequence: number;
  hash: string;
  verifiedAt: Date;
}

export interface VerifiedCheckpoint extends VerifiedCheckpointContent {
  keyId: string;
  signature: string;
  signatureValid: boolean;
}

// `kind` keeps a purge checkpoint's signature from passing for a verification's, and back.
const encode = (content: VerifiedCheckpointContent) =>
  Buffer.from(
    canonicalJson({
      v: 1,
      kind: 'verified',
      organizationId: content.organizationId,
      sequence: content.sequence,
      hash: content.hash,
      verifiedAt: content.verifiedAt.toISOString(),
    }),
    'utf8',
  );

export const signVerifiedCheckpoint = (keys: CheckpointKeys, content: VerifiedCheckpointContent) =>
  signBytes(keys, encode(content));

export const verifyVerifiedCheckpoint = (
  keys: Pick<CheckpointKeys, 'verifying'>,
  content: VerifiedCheckpointContent,
  keyId: string,
  signature: string,
): boolean => verifyBytes(keys.verifying, encode(content), keyId, signature);

/** The organization's latest verified checkpoint, its signature checked; null when none. */
export async function readVerifiedCheckpoint(
  em: EntityManager,
  keys: CheckpointKeys,
  organizationId: string,
): Promise<VerifiedCheckpoint | null> {
  const [row] = await em.execute<
    { sequence: string; hash: string; verified_at: string; key_id: string; signature: string }[]
  >(
    `select sequence, hash, to_char(verified_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as verified_at,
            key_id, signature from audit.verified_checkpoints
      where organization_id = ? order by sequence desc limit 1`,
    [organizationId],
  );
  if (!row) return null;
  const content = {
    organizationId,
    sequence: Number(row.sequence),
    hash: row.hash,
    verifiedAt: new Date(row.verified_at),
  };
  return {
    ...content,
    keyId: row.key_id,
    signature: row.signature,
    signatureValid: verifyVerifiedCheckpoint(keys, content, row.key_id, row.signature),
  };
}

/** Signs and stores a checkpoint at `sequence`/`hash`, which the caller has just verified. */
export async function writeVerifiedCheckpoint(
  em: EntityManager,
  keys: CheckpointKeys,
  content: VerifiedCheckpointContent,
): Promise<void> {
  const { keyId, signature } = signVerifiedCheckpoint(keys, content);
  await em.execute(
    `insert into audit.verified_checkpoints (organization_id, sequence, hash, verified_at, key_id, signature)
       values (?, ?, ?, ?::timestamptz, ?, ?) on conflict (organization_id, sequence) do nothing`,
    // ISO text, not a Date: the stored instant must be exactly the signed one.
    [
      content.organizationId,
      content.sequence,
      content.hash,
      content.verifiedAt.toISOString(),
      keyId,
      signature,
    ],
  );
}
