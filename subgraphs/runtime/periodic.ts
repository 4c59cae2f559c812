import type { Logger } from 'pino';

export interface PeriodicTask {
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs` (first after `firstRunMs`), never twice at once in this process:
 * a poll loop, for work that every replica may run because it claims what it takes (a lease, a
 * lock) and keeps no state of its own, so a missed or failed run is caught up by the next one
 * (incident notifications, recording database administration). Work that must run once per
 * period across replicas goes on the job queue's cron instead (runtime/jobs).
 */
export function startPeriodic(
  name: string,
  task: () => Promise<void>,
  logger: Logger,
  intervalMs: number,
  firstRunMs = Math.min(intervalMs, 60_000),
): PeriodicTask {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= task()
      .catch((error: unknown) => logger.error({ err: error }, `${name} failed`))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, firstRunMs).unref();
  const every = setInterval(run, intervalMs).unref();
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
