import {
  AUDIT_OUTBOX_TABLE,
  DESTRUCTION_PROGRESS_TABLE,
  type SubjectDataDeclaration,
} from '../../protocols/subject-data/subject-data.ts';
import { DataExportSchema } from './export/data-export.entity.ts';
import { DeletionRequestSchema } from './deletion/deletion-request.entity.ts';
import { RetentionRuleSchema } from './retention/retention-rule.entity.ts';

/** Where lifecycle's own `@subject` types are stored, and its subject tables no type exposes. */
export const lifecycleSubjectData: SubjectDataDeclaration = {
  schema: 'lifecycle',
  types: {
    DataExport: { entity: DataExportSchema },
    DeletionRequest: { entity: DeletionRequestSchema },
    RetentionRule: { entity: RetentionRuleSchema },
  },
  unexposed: [
    {
      table: 'jobs',
      strategy: 'NONE',
      subject: 'payload ids',
      reason: 'Job queue: ids only, no personal data',
    },
    {
      table: 'legal_holds',
      strategy: 'ERASE',
      subject: 'organization_id',
      reason: "An organization's legal hold and its stated reason",
      destroyWhere: { organization: 'organization_id = ?' },
    },
    {
      table: 'erasure_ledger',
      strategy: 'NONE',
      subject: 'organization_id, user_id',
      reason:
        'Erasure ledger: the ids of deleted subjects and their certificate ids, no personal data; kept so that a restored backup never brings a deleted subject back',
    },
    {
      table: 'backups',
      strategy: 'NONE',
      subject: 'none',
      reason:
        "The deployment's backup records: ids, times, sizes and digests, no subject's data (the backups themselves expire after BACKUP_RETENTION_DAYS)",
    },
    {
      table: 'restore_drills',
      strategy: 'NONE',
      subject: 'none',
      reason: "The deployment's restore drills: times, counts and checks, no subject's data",
    },
    AUDIT_OUTBOX_TABLE,
    DESTRUCTION_PROGRESS_TABLE,
  ],
};
