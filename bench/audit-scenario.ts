import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../scripts/lib/embedded-postgres.ts';
import { migrateAll } from '../scripts/lib/stack.ts';
import { readSupergraph } from '../scripts/lib/subgraph-modules.ts';
import { measureAudit } from './audit.ts';
import { summarize, type Summary } from './lib/load.ts';
import type { BenchSettings } from './settings.ts';

export interface AuditResults {
  samplesPerRepetition: number;
  mutationWithoutAuditP50Ms: Summary;
  mutationWithAuditP50Ms: Summary;
  addedByAuditP50Ms: Summary;
  appendsPerSecondBatched: Summary;
  appendsPerSecondSingle: Summary;
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
    return {
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
