/** Why a chain breaks where it does; the GraphQL enum AuditChainBreak has the same members. */
export type ChainBreakReason =
  | 'CHECKPOINT_SIGNATURE'
  | 'EVENT_MISSING'
  | 'LINK_BROKEN'
  | 'HASH_MISMATCH'
  | 'TAIL_MISSING'
  | 'HEAD_MISMATCH';

export interface ChainBreak {
  /** The first sequence where the chain breaks. */
  at: number;
  reason: ChainBreakReason;
}

/** A link as stored or exported: where it sits, what it links to, its hash, and the recomputed one. */
export interface ChainLink {
  sequence: number;
  previousHash: string | null;
  hash: string;
  recomputedHash: string;
}

/** A known point of the chain: a checkpoint of a purged prefix, or the recorded head. */
export interface ChainPoint {
  sequence: number;
  hash: string;
}

/**
 * Walks a chain in sequence order, from a start (a checkpoint, or nothing: sequence 1), and
 * stops at the first break. One walker for the database's verification and the offline verifier
 * of exports, so both find the same break in the same place.
 */
export function chainWalk(start: ChainPoint | null) {
  let expectedSequence = (start?.sequence ?? 0) + 1;
  let expectedPrevious = start?.hash ?? null;
  let last: ChainPoint | null = start;
  return {
    /** The last link that checked out (or the start). */
    get last() {
      return last;
    },
    /** Checks the next link; the break, or null when it holds. */
    push(link: ChainLink): ChainBreak | null {
      // A gap breaks the chain where the missing event should have been.
      if (link.sequence !== expectedSequence)
        return { at: Math.min(link.sequence, expectedSequence), reason: 'EVENT_MISSING' };
      if (link.recomputedHash !== link.hash) return { at: link.sequence, reason: 'HASH_MISMATCH' };
      if (link.previousHash !== expectedPrevious) return { at: link.sequence, reason: 'LINK_BROKEN' };
      last = { sequence: link.sequence, hash: link.hash };
      expectedSequence = link.sequence + 1;
      expectedPrevious = link.hash;
      return null;
    },
    /**
     * Compares the end of the walk with the head the chain recorded: events cut from the tail
     * leave the walk short of it; a replaced tail ends on another hash.
     */
    finish(head: ChainPoint | null): ChainBreak | null {
      if (!head) {
        // Events (or a checkpoint) but no head: the head row itself was removed.
        return last ? { at: 1, reason: 'HEAD_MISMATCH' } : null;
      }
      if (!last || last.sequence < head.sequence) {
        return { at: (last?.sequence ?? 0) + 1, reason: 'TAIL_MISSING' };
      }
      if (last.sequence > head.sequence || last.hash !== head.hash) {
        return { at: head.sequence, reason: 'HEAD_MISMATCH' };
      }
      return null;
    },
  };
}
