import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Whether util-linux's taskset is on PATH (pins processes to cores). */
export const hasTaskset = (() => {
  try {
    return spawnSync('taskset', ['--version']).status === 0;
  } catch {
    return false;
  }
})();

/** Every child still running: killed if the harness exits without stopping them. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface Child {
  process: ChildProcess;
  /** The text after `READY ` on the child's first such line. */
  ready: string;
  /** Sends a line to the child's stdin and resolves with the next line starting with `reply`. */
  ask(line: string, reply: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts `command args` (pinned to `cpus` with taskset when available) and waits for its
 * `READY …` line on stdout.
 */
export async function startChild(
  command: string,
  args: string[],
  options: {
    cpus?: string;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    timeoutMs?: number;
    readyPattern?: RegExp;
  } = {},
): Promise<Child> {
  const [file, argv] =
    options.cpus && hasTaskset ? ['taskset', ['-c', options.cpus, command, ...args]] : [command, args];
  const child = spawn(file, argv, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const waiting: { prefix: string; resolve: (line: string) => void }[] = [];
  const output: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  const pattern = options.readyPattern ?? /^READY (.*)$/;
  let onReady: ((value: string) => void) | null = null;
  const ready = new Promise<string>((resolve, reject) => {
    onReady = resolve;
    child.once('exit', (code) =>
      reject(
        new Error(
          `${command} ${args.join(' ')} exited (${code}) before ready:\n${output.join('\n').slice(-2000)}`,
        ),
      ),
    );
    setTimeout(
      () => reject(new Error(`${command} not ready in time:\n${output.join('\n').slice(-2000)}`)),
      options.timeoutMs ?? 60_000,
    ).unref();
  });
  const handle = (line: string) => {
    output.push(line);
    if (output.length > 200) output.shift();
    const match = pattern.exec(line);
    if (match && onReady) {
      onReady(match[1] ?? line);
      onReady = null;
      return;
    }
    const index = waiting.findIndex((w) => line.startsWith(w.prefix));
    if (index >= 0) {
      const [waiter] = waiting.splice(index, 1);
      waiter!.resolve(line.slice(waiter!.prefix.length));
    }
  };
  lines.on('line', handle);
  createInterface({ input: child.stderr! }).on('line', handle);
  child.stdin!.on('error', () => {});
  const readyValue = await ready.catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    process: child,
    ready: readyValue,
    ask: (line, reply) =>
      new Promise((resolve) => {
        waiting.push({ prefix: `${reply} `, resolve });
        child.stdin!.write(`${line}\n`);
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
