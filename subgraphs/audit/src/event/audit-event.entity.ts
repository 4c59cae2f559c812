import { defineEntity, p } from '@mikro-orm/core';
import { tenantFilter } from '../../../runtime/tenant-isolation.ts';
import type { JsonValue } from '../../../../platform/canonical-json.ts';

export const AUDIT_OUTCOMES = ['SUCCESS', 'DENIED', 'FAILURE'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_ACTOR_TYPES = ['USER', 'API_KEY', 'SYSTEM'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

// Append-only: rows are written with em.insert, never flushed from the unit of work, and the
// runtime role holds no UPDATE or DELETE on the table.
const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'events',
  filters: tenantFilter(),
  properties: {
    id: p.uuid().primary(),
    organizationId: p.uuid(),
    // Position in the organization's chain; bigint in SQL, far below 2^53 in practice.
    sequence: p.bigint('number'),
    occurredAt: p.datetime(),
    action: p.string(),
    outcome: p.string().$type<AuditOutcome>(),
    actorType: p.string().$type<AuditActorType>(),
    actorId: p.string().nullable(),
    actorIp: p.string().nullable(),
    actorUserAgent: p.string().nullable(),
    actorDeviceType: p.string().nullable(),
    targetType: p.string().nullable(),
    targetId: p.string().nullable(),
    metadata: p.json<JsonValue>().nullable(),
    previousHash: p.string().nullable(),
    hash: p.string(),
  },
  uniques: [{ properties: ['organizationId', 'sequence'] }],
});

export class AuditEvent extends AuditEventSchema.class {}
AuditEventSchema.setClass(AuditEvent);
export { AuditEventSchema };
