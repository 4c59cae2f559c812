import { defineEntity, p } from '@mikro-orm/core';

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

// Read and written with SQL (under RLS); the entity gives deletion its table and column metadata.
const DeletionRequestSchema = defineEntity({
  name: 'DeletionRequest',
  tableName: 'deletion_requests',
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
    organizationIds: p.array().nullable(),
    regions: p.array().nullable(),
    certificateId: p.uuid().nullable(),
    certificateIssuedAt: p.datetime().nullable(),
    certificateDocument: p.text().nullable(),
    certificateSignature: p.string().nullable(),
    certificateKeyId: p.string().nullable(),
    error: p.string().nullable(),
  },
});

export { DeletionRequestSchema };

/** A deletion request as resolvers and the job see it (a row of lifecycle.deletion_requests). */
export interface DeletionRequest {
  id: string;
  organizationId: string | null;
  userId: string | null;
  requestedBy: string | null;
  origin: DeletionOrigin;
  reason: string;
  status: DeletionStatus;
  progress: number;
  requestedAt: Date;
  scheduledFor: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  organizationIds: string[] | null;
  /** Where the subject's data was held, fixed when the deletion starts. */
  regions: string[] | null;
  certificateId: string | null;
  certificateIssuedAt: Date | null;
  certificateDocument: string | null;
  certificateSignature: string | null;
  certificateKeyId: string | null;
}

export const DELETION_COLUMNS = `id, organization_id as "organizationId", user_id as "userId",
  requested_by as "requestedBy", origin, reason, status, progress, requested_at as "requestedAt",
  scheduled_for as "scheduledFor", started_at as "startedAt", completed_at as "completedAt",
  organization_ids::text[] as "organizationIds", regions::text[] as "regions", certificate_id as "certificateId",
  certificate_issued_at as "certificateIssuedAt", certificate_document as "certificateDocument",
  certificate_signature as "certificateSignature", certificate_key_id as "certificateKeyId"`;

/** Raw SQL answers timestamps as text: the resolvers and the job want dates. */
export function deletionRequestOf(row: DeletionRequest): DeletionRequest {
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    ...row,
    requestedAt: date(row.requestedAt)!,
    scheduledFor: date(row.scheduledFor)!,
    startedAt: date(row.startedAt),
    completedAt: date(row.completedAt),
    certificateIssuedAt: date(row.certificateIssuedAt),
  };
}
