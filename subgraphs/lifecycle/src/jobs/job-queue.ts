import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { listenForNotifications } from '../../../runtime/notifications.ts';

/** What a job carries: ids only, never the data it works on. */
export type JobPayload = Record<string, string>;

export interface Job {
  id: string;
  kind: string;
  payload: JobPayload;
  attempts: number;
}

export type JobHandler = (job: Job) => Promise<void>;

export interface JobQueueOptions {
  /** How long a claimed job stays leased; a worker killed mid-job lets another resume it after. */
  leaseSeconds?: number;
  maxAttempts?: number;
  pollMs?: number;
  /** A database URL to LISTEN for enqueues on (a dedicated connection); polling alone without. */
  listenUrl?: string;
}

/** Notified (on commit) by every enqueue: workers listening wake at once instead of at their next poll. */
export const JOBS_CHANNEL = 'lifecycle_jobs';

/**
 * Adds a job in the caller's transaction: it exists exactly when the request that asked for it
 * committed.
 */
export async function enqueueJob(
  em: EntityManager,
  kind: string,
  payload: JobPayload,
  runAfter: Date = new Date(),
): Promise<string> {
  const id = crypto.randomUUID();
  await em.execute(`insert into lifecycle.jobs (id, kind, payload, run_after) values (?, ?, ?::jsonb, ?)`, [
    id,
    kind,
    JSON.stringify(payload),
    runAfter,
  ]);
  await em.execute(`select pg_notify('${JOBS_CHANNEL}', '')`);
  return id;
}

/** Leases the oldest due job (FOR UPDATE SKIP LOCKED: workers never take the same one). */
export async function claimJob(orm: MikroORM, leaseSeconds: number): Promise<Job | null> {
  const em = orm.em.fork({ clear: true, useContext: false });
  const rows = await em.execute<Job[]>(
    `update lifecycle.jobs set locked_until = now() + make_interval(secs => ?), attempts = attempts + 1
     where id = (
       select id from lifecycle.jobs
       where status = 'PENDING' and run_after <= now() and (locked_until is null or locked_until < now())
       order by run_after
       limit 1
       for update skip locked)
     returning id, kind, payload, attempts`,
    [leaseSeconds],
  );
  return rows[0] ?? null;
}

async function renewLease(orm: MikroORM, jobId: string, leaseSeconds: number): Promise<void> {
  const em = orm.em.fork({ clear: true, useContext: false });
  await em.execute(
    `update lifecycle.jobs set locked_until = now() + make_interval(secs => ?) where id = ? and status = 'PENDING'`,
    [leaseSeconds, jobId],
  );
}

async function finishJob(orm: MikroORM, job: Job, error: unknown, maxAttempts: number): Promise<void> {
  const em = orm.em.fork({ clear: true, useContext: false });
  if (error === null) {
    await em.execute(
      `update lifecycle.jobs set status = 'DONE', finished_at = now(), locked_until = null where id = ?`,
      [job.id],
    );
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  const failed = job.attempts >= maxAttempts;
  // Retried with backoff: 2, 4, 8… seconds.
  await em.execute(
    `update lifecycle.jobs set status = ?, last_error = ?, locked_until = null,
       run_after = now() + make_interval(secs => ?), finished_at = case when ? then now() end
     where id = ?`,
    [failed ? 'FAILED' : 'PENDING', message.slice(0, 2000), 2 ** job.attempts, failed, job.id],
  );
}

/**
 * Runs due jobs one at a time until stopped: polls, and with `listenUrl` is woken at once by
 * enqueueJob's NOTIFY (`wake` does the same by hand). A handler must be idempotent: a job whose
 * worker died is run again.
 */
export function startJobWorker(
  orm: MikroORM,
  handlers: Record<string, JobHandler & { onFailure?: (job: Job, error: unknown) => Promise<void> }>,
  logger: Logger,
  options: JobQueueOptions = {},
) {
  const leaseSeconds = options.leaseSeconds ?? 600;
  const maxAttempts = options.maxAttempts ?? 5;
  const pollMs = options.pollMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  // Woken while running: the run may have looked before the new job committed, so look again.
  let wokenWhileRunning = false;

  const runDue = async () => {
    for (
      let job = await claimJob(orm, leaseSeconds);
      job && !stopped;
      job = await claimJob(orm, leaseSeconds)
    ) {
      const handler = handlers[job.kind];
      let error: unknown = null;
      // The lease is renewed while the job runs: only a dead worker's job is taken up again.
      const heartbeat = setInterval(
        () => {
          renewLease(orm, job!.id, leaseSeconds).catch((err: unknown) =>
            logger.warn({ err, jobId: job!.id }, 'job lease not renewed'),
          );
        },
        (leaseSeconds * 1000) / 3,
      );
      try {
        if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
        await handler(job);
      } catch (caught) {
        error = caught;
        logger.error({ err: caught, jobId: job.id, kind: job.kind }, 'job failed');
      } finally {
        clearInterval(heartbeat);
      }
      await finishJob(orm, job, error, maxAttempts);
      if (error !== null && job.attempts >= maxAttempts) await handler?.onFailure?.(job, error);
    }
  };

  const tick = () => {
    if (stopped) return;
    if (running) return void (wokenWhileRunning = true);
    wokenWhileRunning = false;
    running = runDue()
      .catch((error: unknown) => logger.error({ err: error }, 'job worker failed'))
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, wokenWhileRunning ? 0 : pollMs);
      });
  };
  timer = setTimeout(tick, 0);

  const wake = () => {
    if (timer) clearTimeout(timer);
    tick();
  };
  const listener = options.listenUrl
    ? listenForNotifications(options.listenUrl, JOBS_CHANNEL, logger, wake)
    : null;

  return {
    /** Runs due jobs now (after an enqueue in this process). */
    wake,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await listener?.close();
      await running;
    },
  };
}
