// npm run backup: one encrypted logical backup of Steward's database into the blob store, and
// expired backups deleted (what the lifecycle subgraph's schedule does, run by hand).
import { openBackupContext, runCommand } from './lib/backup-script.ts';
import { deleteExpiredBackups, runBackup } from '../subgraphs/lifecycle/src/backup/backup-run.ts';

runCommand(async () => {
  const context = await openBackupContext('backup');
  try {
    const deleted = await deleteExpiredBackups(context);
    const started = Date.now();
    const manifest = await runBackup(context);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      JSON.stringify({
        ...manifest,
        rowsByTable: undefined,
        seconds,
        mbPerSecond: Number((manifest.sizeBytes / 1e6 / seconds).toFixed(2)),
        rowsPerSecond: Math.round(manifest.rows / seconds),
        expiredDeleted: deleted,
      }),
    );
    return 0;
  } finally {
    await context.stop();
  }
});
