import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from '../../../../platform/canonical-json.ts';

/** Where a system event comes from. */
export type SystemEventSource = 'DATABASE' | 'MIGRATION' | 'ROLES' | 'OPERATOR' | 'STEWARD';

/** A system event as stored: every field its hash covers, and the hash. */
export interface SystemEvent {
  id: string;
  sequence: number;
  occurredAt: Date;
  source: SystemEventSource;
  action: string;
  actor: string | null;
  metadata: JsonValue;
  previousHash: string | null;
  hash: string;
}

/** Bumped if the encoding ever changes; distinct from organization chains' records by `chain`. */
const HASH_VERSION = 1;

/** SHA-256 (hex) of the event's canonical JSON, `previousHash` included: the chain's link. */
export function hashSystemEvent(event: Omit<SystemEvent, 'hash'>): string {
  const record = {
    v: HASH_VERSION,
    chain: 'system',
    id: event.id,
    sequence: event.sequence,
    occurredAt: event.occurredAt.toISOString(),
    source: event.source,
    action: event.action,
    actor: event.actor,
    metadata: event.metadata,
    previousHash: event.previousHash,
  };
  return createHash('sha256').update(canonicalJson(record), 'utf8').digest('hex');
}
