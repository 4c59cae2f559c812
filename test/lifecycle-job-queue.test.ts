import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { createLogger } from '../platform/logger.ts';
import { initOrm } from '../subgraphs/runtime/orm.ts';
import { lifecycleEntities, lifecycleMigrations } from '../subgraphs/lifecycle/src/module.ts';
import { enqueueJob, startJobWorker, type Job } from '../subgraphs/lifecycle/src/jobs/job-queue.ts';
import { waitFor } from './support/audit-helpers.ts';
import { createIsolatedDatabase } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';

// A database of its own: the workers here must not take other tests' jobs, nor theirs ours.
let orm: MikroORM;
let runtimeUrl: string;
beforeAll(async () => {
  const env = testEnvironment();
  runtimeUrl = urlForRole(await createIsolatedDatabase(), rolesOf('lifecycle').runtime, env.dbSecret);
  orm = await initOrm({
    subgraph: 'lifecycle',
    clientUrl: runtimeUrl,
    entities: lifecycleEntities,
    migrations: lifecycleMigrations,
    poolMax: 2,
  });
});
afterAll(() => orm?.close(true));

const enqueue = (kind: string) =>
  orm.em.fork().transactional((em) => enqueueJob(em, kind, { subject: kind }));

describe('the lifecycle job worker', () => {
  it('starts a job the moment its enqueue commits, long before its next poll', async () => {
    const ran: Job[] = [];
    const worker = startJobWorker(
      orm,
      { ping: async (job) => void ran.push(job) },
      createLogger('test', 'silent'),
      {
        pollMs: 60_000,
        listenUrl: runtimeUrl,
      },
    );
    try {
      // The first poll has found nothing; the listener is connected by now.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const started = Date.now();
      const id = await enqueue('ping');
      await waitFor(async () => ran.length === 1, 'the job run', 5_000);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(ran[0]).toMatchObject({ id, kind: 'ping' });
    } finally {
      await worker.stop();
    }
  });

  it('without a listener it waits for its next poll', async () => {
    const ran: Job[] = [];
    const worker = startJobWorker(
      orm,
      { idle: async (job) => void ran.push(job) },
      createLogger('test', 'silent'),
      {
        pollMs: 60_000,
      },
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await enqueue('idle');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(ran).toEqual([]);
    } finally {
      await worker.stop();
    }
  });
});
