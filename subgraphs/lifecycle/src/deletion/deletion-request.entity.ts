import { defineEntity, p } from '@mikro-orm/core';
import { subjectRowFilter } from '../subject-filter.ts';

export const DELETION_STATUSES = [
  'PENDING',
  'ON_HOLD',
  'RUNNING',
  'COMPLETED',
  'CANCELLED',
  'FAILED',
] as const;
export type DeletionStatus = (typeof DELETION_STATUSES)[number];
export type DeletionOrigin = 'REQUEST' | 'CONTRACT_END';

/** One deletion, kept after it as its proof with the signed certificate. */
const DeletionRequestSchema = defineEntity({
  name: 'DeletionRequest',
  tableName: 'deletion_requests',
  filters: subjectRowFilter,
  properties: {
    id: p.uuid().primary(),
    organizationId: p.uuid().nullable(),
    userId: p.uuid().nullable(),
    requestedBy: p.uuid().nullable(),
    origin: p.string().$type<DeletionOrigin>(),
    reason: p.string(),
    status: p.string().$type<DeletionStatus>(),
    progress: p.double(),
    requestedAt: p.datetime(),
    scheduledFor: p.datetime(),
    startedAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    // The organizations whose audit chains the certificate cites, fixed when the deletion starts.
    organizationIds: p.array().columnType('uuid[]').nullable(),
    // Where the subject's data was held, fixed when the deletion starts (stated in the certificate).
    regions: p.array().columnType('text[]').nullable(),
    certificateId: p.uuid().nullable(),
    certificateIssuedAt: p.datetime().nullable(),
    certificateDocument: p.text().nullable(),
    certificateSignature: p.string().nullable(),
    certificateKeyId: p.string().nullable(),
    error: p.string().nullable(),
  },
});

export class DeletionRequest extends DeletionRequestSchema.class {}
DeletionRequestSchema.setClass(DeletionRequest);
export { DeletionRequestSchema };
