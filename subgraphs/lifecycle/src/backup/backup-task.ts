import { deleteExpiredBackups, runBackup, type BackupDeps } from './backup-run.ts';

/**
 * The scheduled backup (pg-boss cron, once across replicas): expired backups go first, then a new
 * one is taken. A failure is the job runtime's failure metric and error log (its kind is the task).
 */
export const scheduledBackupTask = (deps: BackupDeps) => async (): Promise<void> => {
  await deleteExpiredBackups(deps);
  await runBackup(deps);
};
