import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createIsolatedDatabase, startTestStack, type TestStack } from './support/stack.ts';
import { waitFor } from './support/audit-helpers.ts';
import type { NodeProcess } from './support/node-process.ts';
import { killProcess, startLifecycleProcess } from './support/lifecycle-process.ts';

// Must-show (issue 16): two lifecycle processes against one database run each occurrence of the
// retention sweep once, at wall-clock minutes (pg-boss's cron: a minute is its finest slot).

let stack: TestStack;
let db: pg.Client;
let blobDir: string;
const replicas: { process: NodeProcess; log: string[] }[] = [];

beforeAll(async () => {
  blobDir = mkdtempSync(join(tmpdir(), 'steward-replicas-blobs-'));
  const databaseUrl = await createIsolatedDatabase();
  stack = await startTestStack({ databaseUrl, lifecycle: { jobWorker: false, blobDir } });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  for (let n = 0; n < 2; n++) {
    const process = await startLifecycleProcess(stack, {
      databaseUrl,
      blobDir,
      jobLeaseSeconds: 10,
      env: { RETENTION_SWEEP_CRON: '* * * * *' },
    });
    const log: string[] = [];
    process.child.stdout!.on('data', (chunk: Buffer) => log.push(...String(chunk).split('\n')));
    replicas.push({ process, log });
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(replicas.map(({ process }) => killProcess(process)));
  await db?.end();
  await stack?.close();
  if (blobDir) rmSync(blobDir, { recursive: true, force: true });
}, 60_000);

const sweepsIn = (log: string[]) =>
  log.filter((line) => line.includes('"msg":"retention sweep done"')).length;

describe('two lifecycle processes, one database', () => {
  it('each scheduled sweep runs once per period, by one of them', async () => {
    await waitFor(
      async () => {
        const { rows } = await db.query<{ n: number }>(
          `select count(*)::int as n from lifecycle_jobs.job where name = 'retention-sweep' and state = 'completed'`,
        );
        return rows[0]!.n >= 2 || undefined;
      },
      'two sweeps',
      170_000,
    );
    // A moment for a duplicate, if there were one, to run too.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    // One job per occurrence: each minute's slot forwarded once (pg-boss's singleton on the slot),
    // whichever process's cron pass saw it first, and each job run once.
    const slots = await db.query<{ slot: string }>(
      `select data ->> 'slot' as slot from lifecycle_jobs.job
        where name = '__pgboss__send-it' and data ->> 'name' = 'retention-sweep'`,
    );
    expect(new Set(slots.rows.map((row) => row.slot)).size).toBe(slots.rows.length);
    const tasks = await db.query<{ n: number }>(
      `select count(*)::int as n from lifecycle_jobs.job where name = 'retention-sweep'`,
    );
    expect(tasks.rows[0]!.n).toBe(slots.rows.length);
    const completed = (
      await db.query<{ n: number }>(
        `select count(*)::int as n from lifecycle_jobs.job where name = 'retention-sweep' and state = 'completed'`,
      )
    ).rows[0]!.n;
    // Each completed occurrence ran in exactly one of the two processes.
    expect(sweepsIn(replicas[0]!.log) + sweepsIn(replicas[1]!.log)).toBe(completed);
  }, 200_000);
});
