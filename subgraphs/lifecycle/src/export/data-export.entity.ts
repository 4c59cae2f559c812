import { defineEntity, p } from '@mikro-orm/core';

export const JOB_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

// Read and written with SQL (under RLS); the entity gives export its table and column metadata.
const DataExportSchema = defineEntity({
  name: 'DataExport',
  tableName: 'data_exports',
  properties: {
    id: p.uuid().primary(),
    organizationId: p.uuid().nullable(),
    userId: p.uuid().nullable(),
    requestedBy: p.uuid(),
    status: p.string().$type<JobStatus>(),
    progress: p.double(),
    requestedAt: p.datetime(),
    completedAt: p.datetime().nullable(),
    blobKey: p.string().nullable(),
    sizeBytes: p.bigint('number').nullable(),
    sha256: p.string().nullable(),
    error: p.string().nullable(),
  },
});

export { DataExportSchema };

/** A data export as resolvers see it (a row of lifecycle.data_exports). */
export interface DataExport {
  id: string;
  organizationId: string | null;
  userId: string | null;
  requestedBy: string;
  status: JobStatus;
  progress: number;
  requestedAt: Date;
  completedAt: Date | null;
  blobKey: string | null;
  sizeBytes: number | null;
  sha256: string | null;
}

export const DATA_EXPORT_COLUMNS = `id, organization_id as "organizationId", user_id as "userId",
  requested_by as "requestedBy", status, progress, requested_at as "requestedAt",
  completed_at as "completedAt", blob_key as "blobKey", size_bytes::float8 as "sizeBytes", sha256`;
