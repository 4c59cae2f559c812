import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateProductionEnv } from '../scripts/lib/production-env.ts';
import { environmentOf, onLoopback, readCompose, testClusterPasswords } from './support/compose-topology.ts';
import { testEnvironment } from './support/test-env.ts';

// Every process checks at boot that it has what its role needs, and stops at once naming what
// is missing. Each case starts the real process (`node <main.ts>`) with the environment
// docker-compose.yml gives its service, less one variable.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const compose = readCompose(join(ROOT, 'docker-compose.yml'));
let work: string;
let envOf: (service: string) => Record<string, string>;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the service's command with `env`; ends it (SIGTERM) once `until` matches stdout. */
function run(service: string, env: Record<string, string>, until?: RegExp): Promise<Run> {
  const child = spawn(process.execPath, [compose[service]!.command![1]!], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let stopping = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (until?.test(stdout) && !stopping) {
      stopping = true;
      child.kill('SIGTERM');
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

const without = (env: Record<string, string>, name: string) =>
  Object.fromEntries(Object.entries(env).filter(([key]) => key !== name));

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'steward-boot-'));
  const generated = Object.fromEntries(generateProductionEnv().map((e) => [e.name, e.value]));
  const vars = { ...generated, ...testClusterPasswords(testEnvironment().dbSecret) };
  // Port 0 everywhere: nothing here is called, and a process that starts picks a free port.
  const loopback = {
    ports: { identity: 0, tenancy: 0, audit: 0, lifecycle: 0, gateway: 0 },
    databaseUrl: testEnvironment().databaseUrl,
    paths: { '/var/lib/steward/blobs': join(work, 'blobs') },
  };
  envOf = (service) => onLoopback(service, environmentOf(compose[service]!, vars), loopback);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a process without what its role needs stops at once, naming it', () => {
  it.each([
    ['identity', 'STEWARD_SERVICE_PRIVATE_KEY', 'STEWARD_SERVICE_PRIVATE_KEY'],
    ['identity', 'TENANCY_URL', 'TENANCY_URL'],
    ['identity', 'SMTP_URL', 'SMTP_URL'],
    ['identity', 'WEBAUTHN_RP_ID', 'WEBAUTHN_RP_ID'],
    ['identity', 'WEBAUTHN_ORIGINS', 'WEBAUTHN_ORIGINS'],
    ['identity', 'STEWARD_FACTOR_KEY', 'STEWARD_FACTOR_KEY'],
    ['identity', 'STEWARD_SERVICE_PUBLIC_KEYS', 'STEWARD_SERVICE_PUBLIC_KEYS.lifecycle'],
    ['tenancy', 'LIFECYCLE_URL', 'LIFECYCLE_URL'],
    ['tenancy', 'SMTP_URL', 'SMTP_URL'],
    ['audit', 'STEWARD_AUDIT_SIGNING_KEY', 'STEWARD_AUDIT_SIGNING_KEY'],
    ['audit', 'AUDIT_STREAM_KEY', 'AUDIT_STREAM_KEY'],
    ['audit', 'STEWARD_SERVICE_PRIVATE_KEY', 'STEWARD_SERVICE_PRIVATE_KEY'],
    ['audit', 'SMTP_URL', 'SMTP_URL'],
    ['lifecycle', 'STEWARD_SERVICE_PRIVATE_KEY', 'STEWARD_SERVICE_PRIVATE_KEY'],
    ['lifecycle', 'AUDIT_URL', 'AUDIT_URL'],
    ['lifecycle', 'STEWARD_CERTIFICATE_SIGNING_KEY', 'STEWARD_CERTIFICATE_SIGNING_KEY'],
    ['lifecycle', 'STEWARD_LIFECYCLE_SECRET', 'STEWARD_LIFECYCLE_SECRET'],
    ['lifecycle', 'STEWARD_BLOB_DIR', 'STEWARD_BLOB_DIR'],
    ['lifecycle', 'STEWARD_BACKUP_KEY', 'STEWARD_BACKUP_KEY'],
    ['lifecycle', 'STEWARD_BACKUP_DATABASE_URL', 'STEWARD_BACKUP_DATABASE_URL'],
    ['gateway', 'STEWARD_INTERNAL_PRIVATE_KEY', 'STEWARD_INTERNAL_PRIVATE_KEY'],
    ['gateway', 'IDENTITY_URL', 'IDENTITY_URL'],
    ['gateway', 'DATABASE_URL', 'DATABASE_URL'],
  ])(
    '%s without %s',
    async (service, variable, named) => {
      const result = await run(service, without(envOf(service), variable));
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toMatch(/Invalid configuration/);
      expect(result.stderr).toContain(named);
      // At once: before it listens or connects to anything.
      expect(result.stdout).not.toContain('ready');
    },
    90_000,
  );

  it("a subgraph given the superuser's URL and not the secret its role's password derives from", async () => {
    const env = envOf('tenancy');
    const url = new URL(env.DATABASE_URL!);
    url.username = 'postgres';
    const result = await run('tenancy', { ...env, DATABASE_URL: url.toString() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('STEWARD_DB_SECRET');
  }, 90_000);
});

describe('a capability switched off on purpose is logged at warn', () => {
  it('identity with STEWARD_MAIL_TRANSPORT=mailbox and no SMTP_URL starts, and warns that mail is not sent', async () => {
    const env = {
      ...without(envOf('identity'), 'SMTP_URL'),
      STEWARD_MAIL_TRANSPORT: 'mailbox',
      STEWARD_MAILBOX_DIR: join(work, 'mailbox'),
    };
    const result = await run('identity', env, /subgraph ready/);
    expect(result.code).toBe(0);
    const warnings = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((line) => line.level === 40);
    expect(warnings.map((w) => w.msg)).toContainEqual(expect.stringContaining('mail is not sent'));
  }, 90_000);
});
