import type { EntityManager } from '@mikro-orm/postgresql';
import { hashAuditEvent } from '../event/audit-hash.ts';
import { queryIn, scanEvents } from '../event/event-scan.ts';
import { verifyCheckpoint, type CheckpointKeys } from './checkpoint-signature.ts';

export interface AuditChainVerification {
  valid: boolean;
  events: number;
  brokenAt: number | null;
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
 * event. Runs in the caller's transaction, whose tenant scope must include the organization.
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
  const result: AuditChainVerification = {
    valid: true,
    events: 0,
    brokenAt: null,
    checkpoint,
    headSequence: checkpoint?.sequence ?? null,
    headHash: checkpoint?.hash ?? null,
  };
  if (checkpoint && !checkpoint.signatureValid)
    return { ...result, valid: false, brokenAt: checkpoint.sequence };

  let expectedSequence = (checkpoint?.sequence ?? 0) + 1;
  let expectedPrevious = checkpoint?.hash ?? null;
  for await (const batch of scanEvents(queryIn(em), organizationId, {}, CHUNK)) {
    for (const event of batch) {
      result.events += 1;
      const intact =
        event.sequence === expectedSequence &&
        event.previousHash === expectedPrevious &&
        hashAuditEvent(event) === event.hash;
      if (!intact) {
        // A gap breaks the chain where the missing event should have been.
        return { ...result, valid: false, brokenAt: Math.min(event.sequence, expectedSequence) };
      }
      result.headSequence = event.sequence;
      result.headHash = event.hash;
      expectedSequence = event.sequence + 1;
      expectedPrevious = event.hash;
    }
  }
  return result;
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
