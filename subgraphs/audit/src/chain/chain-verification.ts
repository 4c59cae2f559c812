import type { EntityManager } from '@mikro-orm/postgresql';
import { hashAuditEvent } from '../event/audit-hash.ts';
import { queryIn, scanEvents } from '../event/event-scan.ts';
import { readChainHead } from '../event/chain-head.ts';
import { chainWalk, type ChainBreak, type ChainBreakReason } from './chain-walk.ts';
import { verifyCheckpoint, type CheckpointKeys } from './checkpoint-signature.ts';

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
  headSequence: number | null;
  headHash: string | null;
}

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
 * signature must verify) or from sequence 1, and stops at the first break: a sequence out of
 * order or missing, a previous hash that is not the last one, or a hash that does not match the
 * event. Then the walk must end exactly on the head the chain recorded at its last append
 * (audit.chain_heads, which only the append trigger moves): a tail cut off ends short of it.
 * Runs in the caller's transaction, whose tenant scope must include the organization.
 */
export async function verifyAuditChain(
  em: EntityManager,
  organizationId: string,
  keys: CheckpointKeys,
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

  const walk = chainWalk(checkpoint);
  scan: for await (const batch of scanEvents(queryIn(em), organizationId, {}, CHUNK)) {
    for (const event of batch) {
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
