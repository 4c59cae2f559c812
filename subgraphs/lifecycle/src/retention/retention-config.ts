import { cronEveryHours } from '../../../runtime/jobs/schedule.ts';

/**
 * When the lifecycle subgraph sweeps, as a cron (UTC), or null for never: RETENTION_SWEEP_CRON
 * when set, else every RETENTION_SWEEP_INTERVAL_HOURS (6 by default, off in tests) on the hour.
 */
export function retentionSweepCron(
  cron: string | undefined,
  hours: number | undefined,
  nodeEnv: 'development' | 'test' | 'production',
): string | null {
  if (cron) return cron === 'off' ? null : cron;
  return cronEveryHours(hours ?? (nodeEnv === 'test' ? 0 : 6));
}
