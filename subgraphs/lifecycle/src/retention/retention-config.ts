/** How often the lifecycle subgraph sweeps, in milliseconds (0: never): every 6 hours, off in tests. */
export function retentionSweepIntervalMs(
  hours: number | undefined,
  nodeEnv: 'development' | 'test' | 'production',
): number {
  return (hours ?? (nodeEnv === 'test' ? 0 : 6)) * 3600_000;
}
