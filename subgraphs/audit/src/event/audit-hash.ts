import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from '../../../../platform/canonical-json.ts';

/** The stored fields of an event that its hash covers: all of them but the hash itself. */
export interface ChainedAuditEvent {
  id: string;
  organizationId: string;
  sequence: number;
  occurredAt: Date;
  action: string;
  outcome: string;
  actorType: string;
  actorId: string | null;
  actorIp: string | null;
  actorUserAgent: string | null;
  actorDeviceType: string | null;
  targetType: string | null;
  targetId: string | null;
  metadata: JsonValue;
  previousHash: string | null;
}

/** Bumped if the encoding ever changes, so old and new hashes can never be confused. */
const HASH_VERSION = 1;

/** The event as it is hashed and exported: one shape, so that an export can be re-verified. */
export function auditRecordOf(event: ChainedAuditEvent) {
  return {
    id: event.id,
    organizationId: event.organizationId,
    sequence: event.sequence,
    occurredAt: event.occurredAt.toISOString(),
    action: event.action,
    outcome: event.outcome,
    actor: {
      type: event.actorType,
      id: event.actorId,
      ip: event.actorIp,
      userAgent: event.actorUserAgent,
      deviceType: event.actorDeviceType,
    },
    target: event.targetType === null ? null : { type: event.targetType, id: event.targetId },
    metadata: event.metadata,
    previousHash: event.previousHash,
  };
}

/** An event as exported (auditRecordOf), every field its hash covers; `occurredAt` as exported text. */
export type AuditRecord = { [field: string]: JsonValue };

/** SHA-256 (hex) of the event's canonical JSON; chaining comes from `previousHash` being inside it. */
export function hashAuditEvent(event: ChainedAuditEvent): string {
  return hashAuditRecord(auditRecordOf(event));
}

/**
 * The hash of a record exactly as it reads: what an export's verifier recomputes from each line
 * (without its `hash`), so an export verifies only if it carries the very text that was hashed.
 */
export function hashAuditRecord(record: AuditRecord): string {
  const encoded = canonicalJson({ v: HASH_VERSION, ...record });
  return createHash('sha256').update(encoded, 'utf8').digest('hex');
}
