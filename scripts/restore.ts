// npm run restore -- <backup id> --into <database>: creates the database on DATABASE_URL's server,
// restores the backup into it with the newest key store's data keys (DATABASE_URL's, else the
// newest key-store copy) and re-applies the newest erasure ledger. --no-live-ledger: neither comes
// from DATABASE_URL. Exit 2 with a code when refused (BACKUP_CORRUPT, BACKUP_UNAUTHENTIC,
// DATABASE_EXISTS, KEY_STORE_NOT_FOUND…).
import { parseArgs } from 'node:util';
import { openBackupContext, runCommand } from './lib/backup-script.ts';
import { restoreInto } from './lib/restore.ts';
import { readSupergraph } from './lib/subgraph-modules.ts';
import { readManifest } from '../subgraphs/lifecycle/src/backup/backup-store.ts';

const USAGE = 'Usage: npm run restore -- <backup id> --into <database> [--no-live-ledger]';

runCommand(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { into: { type: 'string' }, 'no-live-ledger': { type: 'boolean' } },
  });
  if (positionals.length !== 1 || !values.into) {
    console.error(USAGE);
    return 2;
  }
  const context = await openBackupContext('restore');
  try {
    const outcome = await restoreInto({
      ...context,
      serverUrl: context.databaseUrl,
      database: values.into,
      manifest: await readManifest(context.blobStore, positionals[0]!),
      supergraphSdl: readSupergraph(),
      liveUrl: values['no-live-ledger'] ? null : context.databaseUrl,
    });
    console.log(
      JSON.stringify({
        database: values.into,
        backupId: outcome.restore.backupId,
        snapshotAt: outcome.restore.snapshotAt,
        tables: outcome.restore.tables,
        rows: outcome.restore.rows,
        skippedRowsByTable: outcome.restore.skippedRowsByTable,
        keyStore: outcome.restore.keyStore,
        ledgerReapplied: outcome.ledger.applied.map((entry) => entry.deletionId),
        seconds: outcome.elapsedMs / 1000,
      }),
    );
    return 0;
  } finally {
    await context.stop();
  }
});
