import type { EntityManager } from '@mikro-orm/postgresql';

export interface BackupRow {
  id: string;
  status: 'RUNNING' | 'COMPLETED' | 'FAILED' | 'DELETED';
  startedAt: Date;
  completedAt: Date | null;
  snapshotAt: Date | null;
  expiresAt: Date;
  deletedAt: Date | null;
  sizeBytes: number | null;
  sha256: string | null;
  tables: number | null;
  rows: number | null;
  ledgerEntries: number | null;
  error: string | null;
}

/** The driver hands raw SQL's timestamps back as text: the DateTime scalar serializes dates. */
const dated = <T extends object>(row: T, fields: (keyof T)[]): T => {
  const copy = { ...row };
  for (const field of fields) {
    const value = copy[field];
    if (value !== null && value !== undefined) copy[field] = new Date(value as string) as T[keyof T];
  }
  return copy;
};

/** The deployment's backups, newest first: an operator's view (no tenant's data in them). */
export const listBackups = async (em: EntityManager, first: number) =>
  (
    await em.execute<BackupRow[]>(
      `select id, status, started_at as "startedAt", completed_at as "completedAt",
       snapshot_at as "snapshotAt", expires_at as "expiresAt", deleted_at as "deletedAt",
       size_bytes::float8 as "sizeBytes", sha256, tables, rows::float8 as rows,
       ledger_entries as "ledgerEntries", error
     from lifecycle.backups order by started_at desc, id limit ?`,
      [first],
    )
  ).map((row) => dated(row, ['startedAt', 'completedAt', 'snapshotAt', 'expiresAt', 'deletedAt']));

export interface RestoreDrillRow {
  id: string;
  backupId: string;
  startedAt: Date;
  completedAt: Date;
  rtoSeconds: number;
  rpoSeconds: number;
  tables: number;
  rows: number;
  ledgerReapplied: number;
  auditChains: number;
  passed: boolean;
  problems: string[];
}

export const listRestoreDrills = async (em: EntityManager, first: number) =>
  (
    await em.execute<RestoreDrillRow[]>(
      `select id, backup_id as "backupId", started_at as "startedAt", completed_at as "completedAt",
       rto_ms / 1000.0 as "rtoSeconds", rpo_ms / 1000.0 as "rpoSeconds", tables, rows::float8 as rows,
       ledger_reapplied as "ledgerReapplied", audit_chains as "auditChains", passed, problems
     from lifecycle.restore_drills order by started_at desc, id limit ?`,
      [first],
    )
  ).map((row) => dated(row, ['startedAt', 'completedAt']));
