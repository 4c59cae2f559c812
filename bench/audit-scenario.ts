import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-postgres.ts';
import { migrateAll } from '../scripts/lib/stack.ts';
import { readSupergraph } from '../scripts/lib/subgraph-modules.ts';
import { measureAudit } from './audit.ts';
import { measureAuditContent, type AuditContentFigures } from './audit-content.ts';
import { summarize, type Summary } from './lib/load.ts';
import type { BenchSettings } from './settings.ts';

export interface AuditResults {
  samplesPerRepetition: number;
  mutationWithoutAuditP50Ms: Summary;
  mutationWithAuditP50Ms: Summary;
  addedByAuditP50Ms: Summary;
  appendsPerSecondBatched: Summary;
  appendsPerSecondSingle: Summary;
  /** Sealed content (issue 18): the 100-event page and a sign-in's event, one run after the others. */
  content?: AuditContentFigures;
}

/** The audit scenario: the figures of bench/audit.ts, repeated, on a fresh embedded PostgreSQL. */
export async function runAudit(settings: BenchSettings, log: (line: string) => void): Promise<AuditResults> {
  const dataDir = join(tmpdir(), `steward-bench-audit-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  const database = await startEmbeddedPostgres({
    dataDir,
    database: 'steward_bench_audit',
    persistent: false,
  });
  const secret = 'steward-bench-secret-0123456789';
  const samples = settings.durationSeconds <= 2 ? 30 : 300;
  try {
    await migrateAll({ databaseUrl: database.url, dbSecret: secret }, readSupergraph());
    const runs = [];
    for (let i = 0; i < settings.repetitions; i++) {
      const run = await measureAudit(database.url, secret, samples);
      log(
        `audit: +${run.mutationP50Ms.added.toFixed(2)} ms per mutation, ${Math.round(run.appendsPerSecond.batched)} events/s batched`,
      );
      runs.push(run);
    }
    const content = await measureAuditContent(database.url, secret, samples);
    log(
      `audit content: page of 100 ${content.pageP50Ms.sqlOnly.toFixed(2)} ms SQL, ${content.pageP50Ms.openedWarm.toFixed(2)} ms opened (warm), ${content.pageP50Ms.openedCold.toFixed(2)} ms (cold, ${content.keysPerPage} keys); sign-in event ${content.signInP50Ms.append.toFixed(2)} ms appended, ${content.signInP50Ms.sealOnly.toFixed(3)} ms sealing`,
    );
    return {
      content,
      samplesPerRepetition: samples,
      mutationWithoutAuditP50Ms: summarize(runs.map((r) => r.mutationP50Ms.withoutAudit)),
      mutationWithAuditP50Ms: summarize(runs.map((r) => r.mutationP50Ms.withAudit)),
      addedByAuditP50Ms: summarize(runs.map((r) => r.mutationP50Ms.added)),
      appendsPerSecondBatched: summarize(runs.map((r) => r.appendsPerSecond.batched)),
      appendsPerSecondSingle: summarize(runs.map((r) => r.appendsPerSecond.single)),
    };
  } finally {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
