import { z } from 'zod';
import { loadConfig, ProcessEnv } from '../../../../platform/config.ts';

/** The retention sweep's variables. */
export const RetentionEnv = ProcessEnv.pick({ NODE_ENV: true }).extend({
  /** Hours between retention sweeps; 0 turns the sweep off. Default 6, and off under NODE_ENV=test. */
  RETENTION_SWEEP_INTERVAL_HOURS: z.coerce.number().min(0).max(168).optional(),
});

/** How often the lifecycle subgraph sweeps, in milliseconds (0: never). */
export function retentionSweepIntervalMs(
  env: z.infer<typeof RetentionEnv> = loadConfig(RetentionEnv),
): number {
  const hours = env.RETENTION_SWEEP_INTERVAL_HOURS ?? (env.NODE_ENV === 'test' ? 0 : 6);
  return hours * 3600_000;
}
