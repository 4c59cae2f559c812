// npm run restore-check [-- --database <name>]: re-applies the newest erasure ledger (the blob
// store's copy merged with DATABASE_URL's own) to a database restored by other means (a managed
// snapshot, pg_restore): every deletion it does not hold is run again. Exit 0 when it holds all.
import { parseArgs } from 'node:util';
import { openBackupContext, runCommand } from './lib/backup-script.ts';
import { reapplyLedger } from './lib/ledger-reapply.ts';
import { databaseUrlOf, newestLedger } from './lib/restore.ts';
import { readSupergraph } from './lib/subgraph-modules.ts';

runCommand(async () => {
  const { values } = parseArgs({
    options: { database: { type: 'string' }, 'ledger-from': { type: 'string' } },
  });
  const context = await openBackupContext('restore-check');
  try {
    const target = values.database
      ? databaseUrlOf(context.databaseUrl, values.database)
      : context.databaseUrl;
    const ledger = await newestLedger(
      context.blobStore,
      values['ledger-from'] ?? context.databaseUrl,
      context.logger,
    );
    const result = await reapplyLedger({
      ...context,
      databaseUrl: target,
      ledger,
      supergraphSdl: readSupergraph(),
    });
    console.log(
      JSON.stringify({
        ledgerEntries: ledger.length,
        alreadyApplied: result.alreadyApplied,
        reapplied: result.applied.map((entry) => entry.deletionId),
      }),
    );
    return 0;
  } finally {
    await context.stop();
  }
});
