import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from '../../../../platform/canonical-json.ts';
import { signBytes, verifyBytes } from '../../../../platform/signing-keys.ts';
import type { CheckpointKeys } from '../chain/checkpoint-signature.ts';
import type { ChainPoint } from '../chain/chain-walk.ts';

/**
 * What the last line of a JSON Lines export states, signed with the audit signing key: which
 * events the file holds (first and last sequence, how many, the hash the first links to and the
 * last one's hash) and the chain's recorded head when the export began. A line cut from the file,
 * changed or added no longer matches it; a whole-chain export that stops short of the head shows
 * a log trimmed in the database.
 */
export interface ExportCheckpointContent {
  organizationId: string;
  /** The range asked for (ISO-8601), null when open. */
  from: string | null;
  to: string | null;
  exportedAt: string;
  events: number;
  /** Null when the file holds no event. */
  firstSequence: number | null;
  lastSequence: number | null;
  /** What the first event links to: null at sequence 1, else the hash before it. */
  firstPreviousHash: string | null;
  lastHash: string | null;
  /** audit.chain_heads when the export began; null before any event. */
  head: ChainPoint | null;
  /**
   * SHA-256 over every event's `opened` content in file order (openedDigest): the content in
   * clear is not covered by the events' hashes (they cover the sealed form), so the signature
   * covers it here. Absent from exports made before content was sealed.
   */
  openedSha256?: string;
}

export interface ExportCheckpoint extends ExportCheckpointContent {
  keyId: string;
  signature: string;
}

const encode = (content: ExportCheckpointContent) =>
  Buffer.from(
    canonicalJson({
      v: 1,
      kind: 'steward.audit-export',
      organizationId: content.organizationId,
      from: content.from,
      to: content.to,
      exportedAt: content.exportedAt,
      events: content.events,
      firstSequence: content.firstSequence,
      lastSequence: content.lastSequence,
      firstPreviousHash: content.firstPreviousHash,
      lastHash: content.lastHash,
      head: content.head ? { sequence: content.head.sequence, hash: content.head.hash } : null,
      ...(content.openedSha256 === undefined ? {} : { openedSha256: content.openedSha256 }),
    }),
    'utf8',
  );

/** The running digest of the `opened` content of an export's events, one line each in order. */
export function openedDigest() {
  const hash = createHash('sha256');
  return {
    add: (sequence: number, opened: JsonValue) => hash.update(`${canonicalJson({ sequence, opened })}\n`),
    hex: () => hash.digest('hex'),
  };
}

export function signExportCheckpoint(
  keys: CheckpointKeys,
  content: ExportCheckpointContent,
): ExportCheckpoint {
  return { ...content, ...signBytes(keys, encode(content)) };
}

export const verifyExportCheckpoint = (
  keys: Pick<CheckpointKeys, 'verifying'>,
  checkpoint: ExportCheckpoint,
): boolean => verifyBytes(keys.verifying, encode(checkpoint), checkpoint.keyId, checkpoint.signature);
