import type { EntityManager } from '@mikro-orm/postgresql';
import { hashAuditEvent } from '../event/audit-hash.ts';
import { eventsBetween, queryIn, scanEvents, type StoredAuditEvent } from '../event/event-scan.ts';
import { readChainHead, type ChainHead } from '../event/chain-head.ts';
import { chainWalk, type ChainBreak, type ChainBreakReason } from './chain-walk.ts';
import { verifyCheckpoint, type CheckpointKeys } from './checkpoint-signature.ts';
import { readVerifiedCheckpoint, type VerifiedCheckpoint } from './verified-checkpoint.ts';

export interface AuditChainVerification {
  valid: boolean;
  events: number;
  brokenAt: number | null;
  breakReason: ChainBreakReason | null;
  recordedHeadSequence: number | null;
  checkpoint: {
    sequence: number;
    hash: string;
    purgedAt: Date;
    keyId: string;
    signature: string;
    signatureValid: boolean;
  } | null;
  /** The verified checkpoint the walk started from (incremental); null when it re-hashed everything. */
  verifiedCheckpoint: VerifiedCheckpoint | null;
  headSequence: number | null;
  headHash: string | null;
}

/**
 * INCREMENTAL starts after the latest verified checkpoint when there is one past the purge
 * checkpoint; FULL re-hashes every event kept (the job, and what writes checkpoints first).
 */
export type VerificationMode = 'INCREMENTAL' | 'FULL';

interface CheckpointRow {
  sequence: string;
  hash: string;
  /** ISO-8601 UTC to the millisecond, as it was signed. */
  purged_at: string;
  key_id: string;
  signature: string;
}

/** Sequences read per round trip; memory stays flat whatever the chain's length. */
const CHUNK = 1000;

/**
 * Recomputes the organization's chain in sequence order, from its latest checkpoint (whose
 * signature must verify: a verified one in INCREMENTAL mode, else the purge one) or from sequence 1, and stops at the first break: a sequence out of
 * order or missing, a previous hash that is not the last one, or a hash that does not match the
 * event. Then the walk must end exactly on the head the chain recorded at its last append
 * (audit.chain_heads, which only the append trigger moves): a tail cut off ends short of it.
 * Runs in the caller's transaction, whose tenant scope must include the organization.
 */
export async function verifyAuditChain(
  em: EntityManager,
  organizationId: string,
  keys: CheckpointKeys,
  mode: VerificationMode = 'INCREMENTAL',
): Promise<AuditChainVerification> {
  const [row] = await em.execute<CheckpointRow[]>(
    `select sequence, hash, to_char(purged_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as purged_at,
            key_id, signature from audit.checkpoints
      where organization_id = ? order by sequence desc limit 1`,
    [organizationId],
  );
  const checkpoint = row ? checkpointOf(keys, organizationId, row) : null;
  // Read before the events: what is appended meanwhile lies beyond it and is left for next time.
  const head = await readChainHead(em, organizationId);
  const result: AuditChainVerification = {
    valid: true,
    events: 0,
    brokenAt: null,
    breakReason: null,
    recordedHeadSequence: head?.sequence ?? null,
    checkpoint,
    verifiedCheckpoint: null,
    headSequence: checkpoint?.sequence ?? null,
    headHash: checkpoint?.hash ?? null,
  };
  const broken = (at: ChainBreak): AuditChainVerification => ({
    ...result,
    valid: false,
    brokenAt: at.at,
    breakReason: at.reason,
  });
  if (checkpoint && !checkpoint.signatureValid)
    return broken({ at: checkpoint.sequence, reason: 'CHECKPOINT_SIGNATURE' });

  const verified = mode === 'INCREMENTAL' ? await readVerifiedCheckpoint(em, keys, organizationId) : null;
  if (verified && verified.sequence > (checkpoint?.sequence ?? 0)) {
    result.verifiedCheckpoint = verified;
    return verifyFrom(em, organizationId, verified, head, result, broken);
  }

  return walkTo(
    chainWalk(checkpoint),
    scanEvents(queryIn(em), organizationId, {}, CHUNK),
    head,
    result,
    broken,
  );
}

/**
 * The walk after a verified checkpoint: its signature, then its event (still there, still hashing
 * to the hash signed), then every event after it up to the recorded head, one bounded read per
 * CHUNK sequences. What lies before the checkpoint is the full verification job's to re-check.
 */
async function verifyFrom(
  em: EntityManager,
  organizationId: string,
  verified: VerifiedCheckpoint,
  head: ChainHead | null,
  result: AuditChainVerification,
  broken: (at: ChainBreak) => AuditChainVerification,
): Promise<AuditChainVerification> {
  const { sequence } = verified;
  if (!verified.signatureValid) return broken({ at: sequence, reason: 'CHECKPOINT_SIGNATURE' });
  const [anchor] = await eventsBetween(queryIn(em), organizationId, sequence, sequence);
  if (!anchor) return broken({ at: sequence, reason: 'EVENT_MISSING' });
  if (hashAuditEvent(anchor) !== anchor.hash) return broken({ at: sequence, reason: 'HASH_MISMATCH' });
  if (anchor.hash !== verified.hash) return broken({ at: sequence, reason: 'LINK_BROKEN' });
  result.headSequence = sequence;
  result.headHash = anchor.hash;
  return walkTo(
    chainWalk({ sequence, hash: anchor.hash }),
    rangeAfter(em, organizationId, sequence, head?.sequence ?? sequence),
    head,
    result,
    broken,
  );
}

/** The events after `after` through `last`, one bounded read per CHUNK sequences. */
async function* rangeAfter(em: EntityManager, organizationId: string, after: number, last: number) {
  for (let from = after + 1; from <= last; from += CHUNK) {
    yield eventsBetween(queryIn(em), organizationId, from, Math.min(from + CHUNK - 1, last));
  }
}

/**
 * Pushes every event of `batches` up to the recorded head through the walk, re-hashing each,
 * then checks the walk ends on the head. `result` counts the events and follows the last link.
 */
async function walkTo(
  walk: ReturnType<typeof chainWalk>,
  batches: AsyncIterable<StoredAuditEvent[]>,
  head: ChainHead | null,
  result: AuditChainVerification,
  broken: (at: ChainBreak) => AuditChainVerification,
): Promise<AuditChainVerification> {
  scan: for await (const batch of batches) {
    for (const event of batch) {
      // Appended after the head was read: left for next time.
      if (head && event.sequence > head.sequence) break scan;
      result.events += 1;
      const breaks = walk.push({ ...event, recomputedHash: hashAuditEvent(event) });
      if (breaks) return broken(breaks);
      result.headSequence = event.sequence;
      result.headHash = event.hash;
    }
  }
  const end = walk.finish(head);
  return end ? broken(end) : result;
}

function checkpointOf(keys: CheckpointKeys, organizationId: string, row: CheckpointRow) {
  const content = {
    organizationId,
    sequence: Number(row.sequence),
    hash: row.hash,
    purgedAt: new Date(row.purged_at),
  };
  return {
    ...content,
    keyId: row.key_id,
    signature: row.signature,
    signatureValid: verifyCheckpoint(keys, content, row.key_id, row.signature),
  };
}
