// npm run restore-drill [-- --keep]: restores the newest backup into a scratch database, re-applies
// the erasure ledger, checks row counts and every audit chain, records the drill (RTO, RPO) in
// lifecycle.restore_drills, then drops the scratch database. Exit 0 when it passed, 1 when not.
import { parseArgs } from 'node:util';
import { openBackupContext, runCommand } from './lib/backup-script.ts';
import { runRestoreDrill } from './lib/restore-drill.ts';
import { readSupergraph } from './lib/subgraph-modules.ts';

runCommand(async () => {
  const { values } = parseArgs({ options: { keep: { type: 'boolean' } } });
  const context = await openBackupContext('restore-drill');
  try {
    const drill = await runRestoreDrill({ ...context, supergraphSdl: readSupergraph(), keep: values.keep });
    console.log(
      JSON.stringify({
        ...drill,
        rtoSeconds: drill.rtoMs / 1000,
        rpoSeconds: drill.rpoMs / 1000,
        rowsPerSecond: Math.round(drill.rows / (drill.rtoMs / 1000)),
      }),
    );
    return drill.passed ? 0 : 1;
  } finally {
    await context.stop();
  }
});
