import { createInterface } from 'node:readline';

/**
 * The child side of the harness's protocol: a line `STATS` on stdin is answered with
 * `STATS {"cpuMicros":…, …extra}` on stdout (the process's user + system CPU time so far).
 */
export function answerStats(extra: () => Record<string, number> = () => ({})): void {
  // Exits normally when the harness stops it, so that `--cpu-prof` writes its profile.
  process.once('SIGTERM', () => process.exit(0));
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'STATS') return;
    const { user, system } = process.cpuUsage();
    process.stdout.write(`STATS ${JSON.stringify({ cpuMicros: user + system, ...extra() })}\n`);
  });
}
