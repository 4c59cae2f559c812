import type { EntityManager } from '@mikro-orm/postgresql';
import { hashSystemEvent } from './system-event-hash.ts';
import { SYSTEM_EVENT_COLUMNS, systemEventOf } from './system-chain.repository.ts';

type Break = 'EVENT_MISSING' | 'LINK_BROKEN' | 'HASH_MISMATCH' | 'TAIL_MISSING' | 'HEAD_MISMATCH';

export interface SystemChainVerification {
  valid: boolean;
  events: number;
  brokenAt: number | null;
  breakReason: Break | null;
  recordedHeadSequence: number | null;
  checkpoint: null;
  headSequence: number | null;
  headHash: string | null;
}

const BATCH = 1000;

/**
 * Recomputes every hash of the system chain from its first event, in sequence order, then checks
 * that it ends on the head recorded at the last append: a changed, removed or reordered event and a
 * cut tail each break it. The system chain is never purged, so it always starts at sequence 1.
 */
export async function verifySystemChain(em: EntityManager): Promise<SystemChainVerification> {
  const [recorded] = await em.execute<{ sequence: string; hash: string }[]>(
    'select sequence, hash from audit.system_chain_head',
  );
  const recordedHeadSequence = recorded ? Number(recorded.sequence) : null;
  let events = 0;
  let expected = 1;
  let previousHash: string | null = null;
  const broken = (at: number, reason: Break): SystemChainVerification => ({
    valid: false,
    events,
    brokenAt: at,
    breakReason: reason,
    recordedHeadSequence,
    checkpoint: null,
    headSequence: expected - 1 || null,
    headHash: previousHash,
  });
  for (;;) {
    const rows = await em.execute<Parameters<typeof systemEventOf>[0][]>(
      `select ${SYSTEM_EVENT_COLUMNS} from audit.system_events where sequence >= ? order by sequence limit ?`,
      [expected, BATCH],
    );
    for (const row of rows) {
      const event = systemEventOf(row);
      if (event.sequence !== expected) return broken(expected, 'EVENT_MISSING');
      if (event.previousHash !== previousHash) return broken(event.sequence, 'LINK_BROKEN');
      if (hashSystemEvent(event) !== event.hash) return broken(event.sequence, 'HASH_MISMATCH');
      previousHash = event.hash;
      expected += 1;
      events += 1;
    }
    if (rows.length < BATCH) break;
  }
  const headSequence = expected - 1;
  if (recordedHeadSequence !== null && headSequence < recordedHeadSequence) {
    return broken(headSequence + 1, 'TAIL_MISSING');
  }
  if ((recorded?.hash ?? null) !== previousHash || (recordedHeadSequence ?? 0) !== headSequence) {
    return broken(headSequence, 'HEAD_MISMATCH');
  }
  return {
    valid: true,
    events,
    brokenAt: null,
    breakReason: null,
    recordedHeadSequence,
    checkpoint: null,
    headSequence: headSequence || null,
    headHash: previousHash,
  };
}
