import type { Logger } from 'pino';

export interface PeriodicTask {
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs` (first after `firstRunMs`), never twice at once: for sweeps that
 * keep no state of their own, so a missed or failed run is caught up by the next one.
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
