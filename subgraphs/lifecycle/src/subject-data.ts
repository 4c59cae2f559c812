import type { SubjectDataDeclaration } from '../../kit/lifecycle/subject-data.ts';
import { DataExportSchema } from './export/data-export.entity.ts';

/** Where lifecycle's own `@subject` types are stored, and its subject tables no type exposes. */
export const lifecycleSubjectData: SubjectDataDeclaration = {
  schema: 'lifecycle',
  types: {
    DataExport: { entity: DataExportSchema },
  },
  unexposed: [
    {
      table: 'jobs',
      strategy: 'ERASE',
      subject: 'payload ids',
      reason: 'Job queue: ids only, no personal data',
    },
    {
      table: 'audit_outbox',
      strategy: 'ERASE',
      subject: 'organization_id / event actor id',
      reason: 'Audit events awaiting delivery',
    },
  ],
};
