import { defineEntity, p } from '@mikro-orm/core';
import { subjectRowFilter } from '../subject-filter.ts';

export const JOB_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** One export request: an organization's or a user's data, built by the export job. */
const DataExportSchema = defineEntity({
  name: 'DataExport',
  tableName: 'data_exports',
  filters: subjectRowFilter,
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

export class DataExport extends DataExportSchema.class {}
DataExportSchema.setClass(DataExport);
export { DataExportSchema };
