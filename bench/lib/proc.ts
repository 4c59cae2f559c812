import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Linux only: a process's memory and CPU as the kernel counts them, read from /proc. */
export interface ProcessSample {
  /** Resident set size now, and its peak (VmHWM) since start or the last resetPeakRss. */
  rssBytes: number;
  peakRssBytes: number;
  /** User + system CPU time so far. */
  cpuMicros: number;
}

const TICK_MICROS = 10_000;

function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After the command (which may hold spaces) comes the state, field 3 in man proc(5).
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** utime + stime (fields 14 and 15), and with `children` the waited-for children's (16 and 17). */
function cpuOf(pid: number, children = false): number {
  const fields = statFields(pid);
  const ticks = [11, 12, ...(children ? [13, 14] : [])].reduce((sum, i) => sum + Number(fields[i]), 0);
  return ticks * TICK_MICROS;
}

export function sampleProcess(pid: number): ProcessSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? 0);
  return { rssBytes: kib('VmRSS') * 1024, peakRssBytes: kib('VmHWM') * 1024, cpuMicros: cpuOf(pid) };
}

/**
 * Resets VmHWM to the current RSS (`echo 5 > /proc/<pid>/clear_refs`, Linux ≥ 4.0), so that the
 * next peak is that of the work that follows. False when the kernel refuses it.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * CPU time of a PostgreSQL server so far: its postmaster (pid in the data folder's
 * postmaster.pid), its children alive now (backends, walwriter…) and the ones it has reaped.
 */
export function postgresCpuMicros(dataDir: string): number {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let total = cpuOf(postmaster, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(Number(entry));
      if (Number(fields[1]) === postmaster) total += cpuOf(Number(entry));
    } catch {
      // The process ended meanwhile: its time is in the postmaster's children's now.
    }
  }
  return total;
}

/** Samples `pids` every `everyMs` until stopped; answers each one's largest RSS seen. */
export function watchRss(pids: Record<string, number>, everyMs = 100) {
  const largest: Record<string, number> = Object.fromEntries(Object.keys(pids).map((name) => [name, 0]));
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      try {
        largest[name] = Math.max(largest[name]!, sampleProcess(pid).rssBytes);
      } catch {
        // Gone: its last sample stands.
      }
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop(): Record<string, number> {
      clearInterval(timer);
      sample();
      return largest;
    },
  };
}
