import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface NodeProcess {
  /** The entry point it runs. */
  entry: string;
  /** The URL the process logged when ready. */
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/**
 * Runs one of Steward's entry points (`gateway/src/main.ts`, `subgraphs/<name>/src/main.ts`) as
 * its own OS process and waits for its "<x> ready" log line.
 */
export async function startNodeProcess(
  entry: string,
  env: Record<string, string | undefined>,
  timeoutMs = 20_000,
): Promise<NodeProcess> {
  const main = fileURLToPath(new URL(`../../${entry}`, import.meta.url));
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const lines: string[] = [];
    const timer = setTimeout(() => {
      // Not left running: an orphan would hold jest open and run jobs against stopped stacks.
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start in ${timeoutMs / 1000} s:\n${lines.join('\n')}`));
    }, timeoutMs);
    void exited.then((code) => reject(new Error(`${entry} exited with ${code}:\n${lines.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      // The last lines, for the error when the process does not start.
      lines.push(line);
      if (lines.length > 20) lines.shift();
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg?.endsWith('ready') && entry.url) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // not a JSON log line
      }
    });
  });
  return {
    entry,
    url,
    child,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
