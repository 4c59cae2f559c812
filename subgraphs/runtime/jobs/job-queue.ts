import type { EntityManager } from '@mikro-orm/postgresql';
import { PgBoss, fromKysely, type JobWithMetadata } from 'pg-boss';
import type { Logger } from 'pino';
import type { SubgraphName } from '../../../platform/database.ts';
import type { Metrics } from '../../../platform/metrics.ts';
import { registerJobMetrics, registerStartMetrics, type JobKindReading } from './job-metrics.ts';
import { deadLetterQueueOf, queueSchemaOf } from './queue-schema.ts';
import { DEFAULT_RETRY, retryLimitOf, type RetryPolicy } from './retry-policy.ts';

/** What a job carries: ids only, never the data it works on. */
export type JobPayload = Record<string, string>;

export interface Job {
  id: string;
  kind: string;
  payload: JobPayload;
  /** This run's number: 1 for the first. */
  attempts: number;
}

/** How one kind of job is run: its handler, and what happens once its retries are spent. */
export interface JobHandler {
  run(job: Job): Promise<void>;
  /** The job is a dead letter: beside the metric and the error log, what its owner must be told. */
  onDeadLetter?(job: Job): Promise<void>;
}

/** Work at wall-clock times, once per occurrence across every replica (pg-boss's cron). */
export interface ScheduledTask {
  name: string;
  /** Five fields (minute first), or six with seconds first; UTC. */
  cron: string;
  run(): Promise<void>;
}

export interface JobKindOptions {
  /** Jobs of this kind run at once in one process: a long export does not hold back a deletion. @default 1 */
  concurrency?: number;
  retry?: RetryPolicy;
}

export interface JobQueueOptions {
  subgraph: SubgraphName;
  /** The job kinds enqueued and worked, with their own concurrency and retries. */
  kinds: Record<string, JobKindOptions>;
  /** Retries of kinds that set none. @default DEFAULT_RETRY */
  retry?: RetryPolicy;
  /** A running job's worker beats this often; a dead worker's job is retried after it (>= 10). @default 600 */
  leaseSeconds?: number;
  /** Finished jobs (completed, dead letters) are pruned after this long. @default 168 */
  keepFinishedHours?: number;
  /** How often an idle worker looks for due jobs besides being notified. @default 2 */
  pollSeconds?: number;
}

export interface StartJobsOptions {
  /** The runtime role's URL: the queue's own pool and LISTEN connection. */
  url: string;
  logger: Logger;
  metrics?: Metrics;
  /** Handlers of the kinds; none given: this process enqueues only (another one works). */
  handlers?: Record<string, JobHandler>;
  schedules?: readonly ScheduledTask[];
}

/** A queue that did not start is tried again: after 1 s, doubling to once a minute. */
const START_RETRY = { firstDelayMs: 1000, maxDelayMs: 60_000 };

/** pg-boss allows at most a day between a job's start and its end; the lease finds dead workers sooner. */
const MAX_RUN_SECONDS = 23 * 3600;

const jobOf = (job: JobWithMetadata<JobPayload>): Job => ({
  id: job.id,
  kind: job.name,
  payload: job.data,
  attempts: job.retryCount + 1,
});

/**
 * A subgraph's durable jobs on pg-boss: enqueued in the caller's transaction, retried with backoff
 * for hours, then dead letters; scheduled tasks run once across replicas. The schema and queues are
 * installed by `npm run migrate` (installJobQueue); the runtime role only reads and writes rows.
 */
export function createJobQueue(options: JobQueueOptions) {
  const schema = queueSchemaOf(options.subgraph);
  const leaseSeconds = Math.max(10, Math.round(options.leaseSeconds ?? 600));
  const keepSeconds = Math.round((options.keepFinishedHours ?? 168) * 3600);
  let boss: PgBoss | null = null;
  let stopped = false;
  // What enqueue awaits: the start under way. A start that fails rejects it (the requests waiting
  // fail, never hang) and the next try waits on a new one.
  let resolveReady: (boss: PgBoss) => void = () => undefined;
  let rejectReady: (error: unknown) => void = () => undefined;
  let ready: Promise<PgBoss>;
  const awaitNextStart = () => {
    ready = new Promise<PgBoss>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    ready.catch(() => undefined);
  };
  awaitNextStart();
  let wakeRetry: () => void = () => undefined;
  let counters: ReturnType<typeof registerJobMetrics> | null = null;
  let startMetrics: ReturnType<typeof registerStartMetrics> | null = null;

  const sendOptions = (kind: string) => {
    const kindOptions = options.kinds[kind];
    if (!kindOptions) throw new Error(`Unknown job kind ${kind}`);
    const retry = kindOptions.retry ?? options.retry ?? DEFAULT_RETRY;
    return {
      retryLimit: retryLimitOf(retry),
      retryDelay: Math.max(1, Math.round(retry.delaySeconds)),
      retryBackoff: true,
      retryDelayMax: Math.max(1, Math.round(retry.maxDelaySeconds)),
      heartbeatSeconds: leaseSeconds,
      expireInSeconds: MAX_RUN_SECONDS,
      deleteAfterSeconds: keepSeconds,
      retentionSeconds: 14 * 86_400 + Math.round(retry.hours * 3600),
      deadLetter: deadLetterQueueOf(kind),
    };
  };

  async function readKinds(): Promise<JobKindReading[]> {
    // Not started (yet): nothing to read; steward_jobs_queue_up says why.
    if (!boss) return [];
    const { rows } = await boss.getDb().executeSql(
      `select name,
         count(*) filter (where state in ('created', 'retry', 'active'))::int as depth,
         coalesce(extract(epoch from now() - min(created_on)
           filter (where state in ('created', 'retry') and start_after <= now())), 0)::float8 as age,
         count(*) filter (where state = 'failed' and retry_count >= retry_limit)::int as dead
       from ${schema}.job where name = any($1::text[]) group by name`,
      [Object.keys(options.kinds)],
    );
    const byName = new Map(
      rows.map((row: { name: string; depth: number; age: number; dead: number }) => [row.name, row]),
    );
    return Object.keys(options.kinds).map((kind) => ({
      kind,
      depth: byName.get(kind)?.depth ?? 0,
      oldestAgeSeconds: byName.get(kind)?.age ?? 0,
      deadLetters: byName.get(kind)?.dead ?? 0,
    }));
  }

  return {
    schema,
    /** Every queue the subgraph needs installed: the kinds and their dead letters (see installJobQueue). */
    kinds: Object.keys(options.kinds),

    /**
     * Adds a job in `em`'s open transaction: it exists exactly when the request that asked for it
     * commits. Returns the job's id.
     */
    async enqueue(em: EntityManager, kind: string, payload: JobPayload, runAfter?: Date) {
      const trx = em.getTransactionContext();
      if (!trx) throw new Error(`Job ${kind} enqueued outside a transaction`);
      const started = await ready;
      // A job due now is left to the database's clock. pg-boss wakes the workers (NOTIFY) only
      // for a job whose start is at or before the transaction's now(), which is when the
      // transaction began: this process's clock, read later, almost always missed it, and the
      // job waited for the next poll (an export's 0.2 to 1.9 s, measured).
      const due = runAfter === undefined || runAfter.getTime() <= Date.now();
      const id = await started.send(kind, payload, {
        ...sendOptions(kind),
        ...(due ? {} : { startAfter: runAfter }),
        db: fromKysely(trx),
      });
      if (!id) throw new Error(`Job ${kind} not enqueued`);
      return id;
    },

    /**
     * Connects; with handlers, works their kinds and the schedules. Keeps trying until it has (or
     * stop() is called): a queue that could not start (the database restarting, a migration under
     * way) must not leave the process serving with no worker. Each failed try is an error log line
     * and `steward_jobs_start_failures_total`; `steward_jobs_queue_up` is 0 until it starts.
     * Resolves true once started, false when stopped first.
     */
    async start(start: StartJobsOptions, retry = START_RETRY): Promise<boolean> {
      if (start.metrics) startMetrics ??= registerStartMetrics(start.metrics);
      // A start after a stop (a subgraph started again with the same module) is a new start.
      if (stopped) {
        stopped = false;
        awaitNextStart();
      }
      for (let attempt = 1; !stopped; attempt++) {
        try {
          await startOnce(start);
          // Stopped while starting: what started is stopped too, not left working.
          if (stopped) {
            await this.stop();
            return false;
          }
          startMetrics?.up.set(1);
          return true;
        } catch (error) {
          rejectReady(error);
          awaitNextStart();
          const failed = boss;
          boss = null;
          await failed?.stop({ graceful: false, close: true }).catch(() => undefined);
          if (stopped) return false;
          startMetrics?.failures.inc();
          const delayMs = Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** (attempt - 1));
          start.logger.error(
            { err: error, schema, attempt, retryInMs: delayMs },
            'job queue did not start: its jobs wait; trying again',
          );
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, delayMs);
            wakeRetry = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      }
      return false;
    },

    async stop(): Promise<void> {
      stopped = true;
      wakeRetry();
      // An enqueue waiting for a start that will not come fails now rather than never.
      rejectReady(new Error(`Job queue ${schema} stopped`));
      startMetrics?.up.set(0);
      await boss?.stop({ graceful: true, close: true, timeout: 10_000 });
      boss = null;
    },
  };

  async function startOnce(start: StartJobsOptions): Promise<void> {
    const { logger } = start;
    const working = Boolean(start.handlers);
    // Kinds to work (not only schedules): those wake on NOTIFY and need a connection more.
    const workingKinds = Object.keys(start.handlers ?? {}).length > 0;
    const started = new PgBoss({
      connectionString: start.url,
      schema,
      max: workingKinds ? 3 : 2,
      migrate: false,
      createSchema: false,
      supervise: working,
      // Dead workers' jobs are found within a lease; finished jobs pruned each pass.
      superviseIntervalSeconds: Math.min(60, leaseSeconds),
      maintenanceIntervalSeconds: Math.min(3600, Math.max(60, keepSeconds)),
      reindex: false,
      monitorVacuum: false,
      schedule: working && Boolean(start.schedules?.length),
      cronMonitorIntervalSeconds: 5,
      cronWorkerIntervalSeconds: 1,
      useListenNotify: workingKinds,
    });
    boss = started;
    started.on('error', (err) => logger.error({ err }, 'job queue error'));
    // pg-boss falls back quietly (polling only, when LISTEN fails): said aloud here.
    started.on('warning', (warning) => logger.warn({ warning }, 'job queue warning'));
    await started.start();
    if (!start.handlers) return void resolveReady(started);
    if (start.metrics) counters ??= registerJobMetrics(start.metrics, readKinds);
    const pollingIntervalSeconds = options.pollSeconds ?? 2;

    for (const [kind, handler] of Object.entries(start.handlers)) {
      const kindOptions = options.kinds[kind];
      if (!kindOptions) throw new Error(`Unknown job kind ${kind}`);
      await started.work(
        kind,
        {
          includeMetadata: true,
          localConcurrency: kindOptions.concurrency ?? 1,
          pollingIntervalSeconds,
          // Polling stays the floor at its own pace (pg-boss slows it to 30 s on notified queues).
          notifyPollingIntervalSeconds: pollingIntervalSeconds,
        },
        async ([job]: JobWithMetadata<JobPayload>[]) => {
          if (!job) return;
          try {
            await handler.run(jobOf(job));
          } catch (err) {
            counters?.failures.inc({ kind });
            const last = job.retryCount >= job.retryLimit;
            const fields = { err, jobId: job.id, kind, attempts: job.retryCount + 1 };
            if (last) logger.error(fields, 'job failed for the last time: a dead letter');
            else logger.warn(fields, 'job failed; retried later');
            throw err;
          }
        },
      );
      // A dead letter, whether the last try threw or its worker died: metric, error log, owner told.
      await started.work(
        deadLetterQueueOf(kind),
        {
          includeMetadata: true,
          pollingIntervalSeconds,
          notifyPollingIntervalSeconds: pollingIntervalSeconds,
        },
        async ([dead]: JobWithMetadata<JobPayload>[]) => {
          if (!dead) return;
          const job = { ...jobOf(dead), id: dead.sourceId ?? dead.id, kind };
          // Counted and logged once, though telling the owner may be retried.
          if (dead.retryCount > 0) return void (await handler.onDeadLetter?.(job));
          counters?.deadLettered.inc({ kind });
          logger.error(
            { jobId: job.id, kind, payload: job.payload },
            'job is a dead letter: its retries are spent',
          );
          await handler.onDeadLetter?.(job);
        },
      );
    }

    for (const task of start.schedules ?? []) {
      await started.schedule(task.name, task.cron, null, {
        tz: 'UTC',
        retryLimit: 0,
        heartbeatSeconds: leaseSeconds,
        expireInSeconds: MAX_RUN_SECONDS,
        deleteAfterSeconds: keepSeconds,
      });
      await started.work(
        task.name,
        { pollingIntervalSeconds, notifyPollingIntervalSeconds: pollingIntervalSeconds },
        async () => {
          try {
            await task.run();
          } catch (err) {
            counters?.failures.inc({ kind: task.name });
            logger.error({ err, task: task.name }, 'scheduled task failed; it runs again at its next time');
            throw err;
          }
        },
      );
    }
    resolveReady(started);
  }
}

export type JobQueue = ReturnType<typeof createJobQueue>;
