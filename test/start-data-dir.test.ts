import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../scripts/lib/embedded-postgres.ts';
import { runningAsRoot } from '../scripts/lib/postgres-as-root.ts';

// `npm start` twice on the same STEWARD_DATA_DIR (as root on these machines, where PostgreSQL runs
// as the "postgres" user): the second start serves the first one's data, never a fresh database.

const root = mkdtempSync(join(tmpdir(), 'steward-start-'));
// mkdtemp makes a 0700 folder; an operator's data folder is one the server user may enter.
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const START = join(import.meta.dirname, '..', 'scripts', 'start.ts');

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function start(dataDir: string): Promise<Started> {
  const ports = await Promise.all(Array.from({ length: 5 }, () => freePort()));
  // The embedded database is what this is about: a DATABASE_URL of the test run is not passed on.
  const { DATABASE_URL: _serverOfTheTestRun, ...inherited } = process.env;
  const child = spawn(process.execPath, [START], {
    env: {
      ...inherited,
      NODE_ENV: 'development',
      NODE_OPTIONS: '',
      STEWARD_DATA_DIR: dataDir,
      PORT: String(ports[0]),
      IDENTITY_PORT: String(ports[1]),
      TENANCY_PORT: String(ports[2]),
      AUDIT_PORT: String(ports[3]),
      LIFECYCLE_PORT: String(ports[4]),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not get ready:\n${output}`)), 90_000);
    const check = () => {
      const match = /Graph:\s+(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited ${code}:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

function stop(started: Started): Promise<number | null> {
  return new Promise((resolve) => {
    started.child.removeAllListeners('exit');
    started.child.on('exit', (code) => resolve(code));
    started.child.kill('SIGINT');
  });
}

async function graphql<T>(url: string, query: string, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const signIn = async (url: string) =>
  (
    await graphql<{ devSignIn: { token: string } }>(
      url,
      'mutation { devSignIn(email: "admin@acme.test") { token } }',
    )
  ).devSignIn.token;

describe('npm start keeps its data', () => {
  it('a second start on the same STEWARD_DATA_DIR serves the first one’s data, mail in that folder', async () => {
    const dataDir = join(root, 'data');
    const first = await start(dataDir);
    const name = `Kept ${Date.now()}`;
    try {
      await graphql(
        first.url,
        `mutation { createOrganization(name: "${name}") { id } }`,
        await signIn(first.url),
      );
    } finally {
      await stop(first);
    }
    const second = await start(dataDir);
    try {
      expect(second.output()).not.toMatch(/cannot reach/);
      const { organizations } = await graphql<{ organizations: { name: string }[] }>(
        second.url,
        '{ organizations { name } }',
        await signIn(second.url),
      );
      expect(organizations.map((o) => o.name)).toContain(name);
      await graphql(second.url, 'mutation { requestSignInCode(email: "participant@acme.test") }');
      expect(readdirSync(join(dataDir, 'mailbox')).length).toBeGreaterThan(0);
    } finally {
      await stop(second);
    }
  }, 240_000);

  (runningAsRoot() ? it : it.skip)(
    'a named folder the postgres user cannot reach stops the start, saying what to fix',
    async () => {
      const hidden = join(root, 'private');
      mkdirSync(hidden, { mode: 0o700 });
      chmodSync(hidden, 0o700);
      const error = await start(join(hidden, 'data')).then(
        async (started) => {
          await stop(started);
          return null;
        },
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/exited 1/);
      expect(error?.message).toMatch(/cannot reach .*STEWARD_DATA_DIR/s);
    },
    120_000,
  );
});
