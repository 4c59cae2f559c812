import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { createLogger } from '../platform/logger.ts';
import { createMetrics } from '../platform/metrics.ts';
import { initOrm } from '../subgraphs/runtime/orm.ts';
import { lifecycleEntities, lifecycleMigrations } from '../subgraphs/lifecycle/src/module.ts';
import {
  createLifecycleJobQueue,
  DELETION_JOB,
  EXPORT_JOB,
  RETENTION_SWEEP_TASK,
  type Job,
} from '../subgraphs/lifecycle/src/jobs/job-queue.ts';
import { retryLimitOf, DEFAULT_RETRY } from '../subgraphs/runtime/jobs/retry-policy.ts';
import { waitFor } from './support/audit-helpers.ts';
import { createIsolatedDatabase } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';

// A database of its own: the workers here must not take other tests' jobs, nor theirs ours.
let orm: MikroORM;
let runtimeUrl: string;
let db: pg.Client;
const logger = createLogger('test', 'silent');
beforeAll(async () => {
  const env = testEnvironment();
  const databaseUrl = await createIsolatedDatabase();
  runtimeUrl = urlForRole(databaseUrl, rolesOf('lifecycle').runtime, env.dbSecret);
  orm = await initOrm({
    subgraph: 'lifecycle',
    clientUrl: runtimeUrl,
    entities: lifecycleEntities,
    migrations: lifecycleMigrations,
    poolMax: 2,
  });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
}, 60_000);
afterAll(async () => {
  await db?.end();
  await orm?.close(true);
});

/** A stream that keeps every log line written to it. */
const lineCollector = (lines: string[]) =>
  new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });

const FAST_RETRY = { delaySeconds: 1, maxDelaySeconds: 1, hours: 3 / 3600 };

describe('the retry policy', () => {
  it('keeps a job trying at least 24 hours by default', () => {
    const limit = retryLimitOf(DEFAULT_RETRY);
    // The shortest waits pg-boss can draw: delay·2^n, capped.
    let total = 0;
    for (let n = 0; n < limit; n++) total += Math.min(3600, 60 * 2 ** n);
    expect(total).toBeGreaterThanOrEqual(24 * 3600);
  });
});

describe('the lifecycle job queue (pg-boss)', () => {
  it('enqueues in the caller transaction: a rolled back request leaves no job', async () => {
    const queue = createLifecycleJobQueue({ retry: FAST_RETRY });
    const ran: Job[] = [];
    await queue.start({
      url: runtimeUrl,
      logger,
      handlers: {
        [EXPORT_JOB]: { run: async (job) => void ran.push(job) },
      },
    });
    try {
      await expect(
        orm.em.fork().transactional(async (em) => {
          await queue.enqueue(em, EXPORT_JOB, { exportId: 'rolled-back' });
          throw new Error('the request fails');
        }),
      ).rejects.toThrow('the request fails');
      const id = await orm.em
        .fork()
        .transactional((em) => queue.enqueue(em, EXPORT_JOB, { exportId: 'kept' }));
      await waitFor(async () => ran.length >= 1 || undefined, 'the committed job run', 10_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(ran).toEqual([{ id, kind: EXPORT_JOB, payload: { exportId: 'kept' }, attempts: 1 }]);
    } finally {
      await queue.stop();
    }
  }, 30_000);

  it('wakes an idle worker when a job due now commits, not at its next poll', async () => {
    // Polling every 20 s: only the enqueue's NOTIFY can start these jobs within the 2 s allowed.
    const queue = createLifecycleJobQueue({ retry: FAST_RETRY, pollSeconds: 20 });
    const ran = new Map<string, number>();
    await queue.start({
      url: runtimeUrl,
      logger,
      handlers: { [EXPORT_JOB]: { run: async (job) => void ran.set(job.payload.exportId!, Date.now()) } },
    });
    try {
      // The worker's first poll is behind it before the jobs come.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      for (const exportId of ['woken-1', 'woken-2', 'woken-3']) {
        const committed = await orm.em.fork().transactional(async (em) => {
          // Work in the request before the enqueue, as a resolver has: the transaction began earlier.
          await em.execute('select pg_sleep(0.02)');
          await queue.enqueue(em, EXPORT_JOB, { exportId });
          return Date.now();
        });
        const started = await waitFor(async () => ran.get(exportId), `job ${exportId} run`, 10_000);
        expect(started - committed).toBeLessThan(2_000);
      }
    } finally {
      await queue.stop();
    }
  }, 60_000);

  it('retries a failing job with backoff, then dead-letters it: metric, error, owner told', async () => {
    const queue = createLifecycleJobQueue({ retry: FAST_RETRY });
    const metrics = createMetrics('lifecycle-test');
    const attempts: number[] = [];
    const dead: Job[] = [];
    await queue.start({
      url: runtimeUrl,
      logger,
      metrics,
      handlers: {
        [DELETION_JOB]: {
          run: async (job) => {
            attempts.push(job.attempts);
            throw new Error('the subgraph is down');
          },
          onDeadLetter: async (job) => void dead.push(job),
        },
      },
    });
    try {
      const id = await orm.em
        .fork()
        .transactional((em) => queue.enqueue(em, DELETION_JOB, { deletionId: 'always-fails' }));
      await waitFor(async () => dead.length === 1 || undefined, 'the dead letter', 30_000);
      expect(dead[0]).toMatchObject({ id, kind: DELETION_JOB, payload: { deletionId: 'always-fails' } });
      const tries = retryLimitOf(FAST_RETRY) + 1;
      expect(attempts).toEqual(Array.from({ length: tries }, (_, n) => n + 1));
      const text = await metrics.registry.metrics();
      expect(text).toContain(
        `steward_jobs_failures_total{kind="deletion",service="lifecycle-test"} ${tries}`,
      );
      expect(text).toMatch(/steward_jobs_dead_lettered_total\{kind="deletion",service="lifecycle-test"\} 1/);
      expect(text).toMatch(/steward_jobs_dead_letters\{kind="deletion",service="lifecycle-test"\} 1/);
    } finally {
      await queue.stop();
    }
  }, 60_000);

  it('a queue that cannot start keeps trying: enqueues fail meanwhile, and it works once it can', async () => {
    // A role of the runtime's rights that may not log in yet: every start fails as a database
    // refusing connections would, until the role is let in.
    const role = `steward_jobs_late_${randomBytes(4).toString('hex')}`;
    await db.query(
      `create role ${role} nologin password 'late-start' in role ${rolesOf('lifecycle').runtime}`,
    );
    const url = new URL(runtimeUrl);
    url.username = role;
    url.password = 'late-start';
    const queue = createLifecycleJobQueue({ retry: FAST_RETRY });
    const metrics = createMetrics('lifecycle-late');
    const lines: string[] = [];
    const ran: Job[] = [];
    const started = queue.start(
      {
        url: url.toString(),
        logger: createLogger('test', { level: 'error', destination: lineCollector(lines) }),
        metrics,
        handlers: { [EXPORT_JOB]: { run: async (job) => void ran.push(job) } },
      },
      { firstDelayMs: 100, maxDelayMs: 200 },
    );
    try {
      // While it cannot start, a request that enqueues fails (its transaction rolls back): never hangs.
      await expect(
        orm.em.fork().transactional((em) => queue.enqueue(em, EXPORT_JOB, { exportId: 'too-early' })),
      ).rejects.toThrow(/not permitted to log in/);
      await waitFor(async () => lines.length >= 2 || undefined, 'two failed starts logged', 10_000);
      expect(JSON.parse(lines[0]!)).toMatchObject({
        level: 50,
        schema: 'lifecycle_jobs',
        msg: 'job queue did not start: its jobs wait; trying again',
      });
      let text = await metrics.registry.metrics();
      expect(text).toMatch(/steward_jobs_queue_up\{service="lifecycle-late"\} 0/);
      expect(text).toMatch(/steward_jobs_start_failures_total\{service="lifecycle-late"\} [1-9]/);

      await db.query(`alter role ${role} login`);
      await started;
      const id = await orm.em
        .fork()
        .transactional((em) => queue.enqueue(em, EXPORT_JOB, { exportId: 'in-time' }));
      await waitFor(async () => ran.length >= 1 || undefined, 'the job run after the late start', 10_000);
      expect(ran).toEqual([{ id, kind: EXPORT_JOB, payload: { exportId: 'in-time' }, attempts: 1 }]);
      text = await metrics.registry.metrics();
      expect(text).toMatch(/steward_jobs_queue_up\{service="lifecycle-late"\} 1/);
    } finally {
      await queue.stop();
      await started;
      await db.query(`drop role ${role}`);
    }
  }, 60_000);

  it('a queue stopped while it keeps trying stops trying', async () => {
    const queue = createLifecycleJobQueue({ retry: FAST_RETRY });
    // A database that does not exist: refused whatever the cluster's authentication (trust, in CI's
    // PostgreSQL 15, takes any password).
    const url = new URL(runtimeUrl);
    url.pathname = '/steward_no_such_database';
    const started = queue.start(
      { url: url.toString(), logger, handlers: { [EXPORT_JOB]: { run: async () => undefined } } },
      { firstDelayMs: 60_000, maxDelayMs: 60_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    // A request that enqueues during the minute's wait: the stop fails it, it does not hang.
    const enqueued = orm.em
      .fork()
      .transactional((em) => queue.enqueue(em, EXPORT_JOB, { exportId: 'never' }))
      .then(
        () => 'enqueued',
        (error: Error) => error.message,
      );
    await queue.stop();
    // Resolved at once, not after the minute's wait, and saying it never started.
    const within = <T>(promise: Promise<T>) =>
      Promise.race([promise, new Promise((r) => setTimeout(r, 2000, 'waiting'))]);
    await expect(within(started)).resolves.toBe(false);
    await expect(within(enqueued)).resolves.toBe('Job queue lifecycle_jobs stopped');

    // Started again after its stop (a subgraph restarted with the same module): it works.
    const ran: Job[] = [];
    await expect(
      queue.start({
        url: runtimeUrl,
        logger,
        handlers: { [EXPORT_JOB]: { run: async (job) => void ran.push(job) } },
      }),
    ).resolves.toBe(true);
    try {
      const id = await orm.em
        .fork()
        .transactional((em) => queue.enqueue(em, EXPORT_JOB, { exportId: 'after-restart' }));
      await waitFor(async () => ran.length >= 1 || undefined, 'the job run after the restart', 10_000);
      expect(ran.map((job) => job.id)).toEqual([id]);
    } finally {
      await queue.stop();
    }
  }, 30_000);

  it('a long export does not hold back a deletion', async () => {
    const queue = createLifecycleJobQueue({ retry: FAST_RETRY });
    let releaseExport: () => void = () => undefined;
    const exportHeld = new Promise<void>((resolve) => (releaseExport = resolve));
    const deletions: string[] = [];
    await queue.start({
      url: runtimeUrl,
      logger,
      handlers: {
        [EXPORT_JOB]: { run: () => exportHeld },
        [DELETION_JOB]: { run: async (job) => void deletions.push(job.payload.deletionId!) },
      },
    });
    try {
      await orm.em.fork().transactional((em) => queue.enqueue(em, EXPORT_JOB, { exportId: 'long' }));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await orm.em.fork().transactional((em) => queue.enqueue(em, DELETION_JOB, { deletionId: 'quick' }));
      await waitFor(
        async () => deletions.length === 1 || undefined,
        'the deletion beside the export',
        10_000,
      );
    } finally {
      releaseExport();
      await queue.stop();
    }
  }, 30_000);

  it('two processes: a scheduled task runs once per occurrence', async () => {
    const runs: { at: Date; by: string }[] = [];
    const queues = ['a', 'b'].map((by) => ({ by, queue: createLifecycleJobQueue({ retry: FAST_RETRY }) }));
    for (const { by, queue } of queues) {
      await queue.start({
        url: runtimeUrl,
        logger,
        handlers: {},
        // pg-boss files each occurrence under a one-minute slot: a minute is its finest schedule.
        schedules: [
          {
            name: RETENTION_SWEEP_TASK,
            cron: '* * * * *',
            run: async () => void runs.push({ at: new Date(), by }),
          },
        ],
      });
    }
    try {
      await waitFor(async () => runs.length >= 2 || undefined, 'two occurrences', 150_000);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    } finally {
      await Promise.all(queues.map(({ queue }) => queue.stop()));
    }
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
    const completed = await db.query<{ n: number }>(
      `select count(*)::int as n from lifecycle_jobs.job where name = 'retention-sweep' and state = 'completed'`,
    );
    expect(runs.length).toBe(completed.rows[0]!.n);
  }, 180_000);
});
