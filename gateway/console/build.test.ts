import { expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const BUILD = fileURLToPath(new URL('./build.ts', import.meta.url));

// npm start builds the console in its own process while it starts: Vite set an unset NODE_ENV to
// "production", and the stack then refused to start without production's keys. Vite runs in a
// process of its own here, as in npm start (not inside jest's module sandbox).
it('leaves the process NODE_ENV as it found it, unset included', async () => {
  const env = { ...process.env };
  delete env.NODE_ENV;
  delete env.NODE_OPTIONS;
  const script = `const { buildConsole } = await import(${JSON.stringify(BUILD)});
await buildConsole();
console.log(JSON.stringify({ nodeEnv: process.env.NODE_ENV ?? null }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env,
  });
  expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ nodeEnv: null });
}, 120_000);
