import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GATEWAY_ROLE, rolesOf, SUBGRAPHS } from '../platform/database.ts';
import { freePort } from '../scripts/lib/embedded-postgres.ts';
import { readTar } from '../subgraphs/lifecycle/src/module.ts';
import {
  environmentOf,
  onLoopback,
  readCompose,
  testClusterPasswords,
  type ComposeService,
} from './support/compose-topology.ts';
import { startNodeProcess, type NodeProcess } from './support/node-process.ts';
import { startSmtpCapture, type SmtpCapture } from './support/smtp-capture.ts';
import { createIsolatedDatabase } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';
import { waitFor } from './support/audit-helpers.ts';
import {
  CERTIFICATE,
  DELETION_REQUEST,
  REQUEST_DELETION,
  type DeletionView,
} from './support/deletion-fixtures.ts';

// The production topology as docker-compose.yml deploys it, without Docker: each subgraph and the
// gateway is its own process (the service's command), with NODE_ENV=production and exactly the
// environment the file gives the service, its ${VARIABLES} taken from what `npm run keys` writes.
// Only what a single machine needs changes: service host names become loopback ports, the
// `postgres` host the test database (whose roles carry the test secret's passwords), SMTP_URL a
// capture on loopback, volumes temporary folders. A variable a service lacks stops its process.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const compose = readCompose(join(ROOT, 'docker-compose.yml'));
const SERVICES = [...SUBGRAPHS, 'gateway'] as const;
/** Five processes start at once on a shared machine. */
const STARTUP_MS = 90_000;

let work: string;
let smtp: SmtpCapture;
let generated: Record<string, string | undefined>;
const processes: NodeProcess[] = [];
let gatewayUrl: string;

interface Result<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as Result<T>;
  if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data!;
}

const commandOf = (service: ComposeService) => {
  expect(service.command?.[0]).toBe('node');
  return service.command![1]!;
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'steward-topology-'));
  // The operator's first step.
  const envFile = join(work, '.env');
  execFileSync(process.execPath, [join(ROOT, 'scripts/keys.ts'), '--out', envFile], { cwd: ROOT });
  generated = parseEnv(readFileSync(envFile, 'utf8'));
  smtp = await startSmtpCapture();
  const test = testEnvironment();
  // A database of its own: only this topology's lifecycle works through its job queue.
  const databaseUrl = await createIsolatedDatabase();
  const vars: Record<string, string | undefined> = {
    ...generated,
    ...testClusterPasswords(test.dbSecret),
    SMTP_URL: smtp.url,
    STEWARD_DELETION_GRACE_PERIOD: 'PT0S',
  };
  const ports: Record<string, number> = {};
  for (const name of SERVICES) ports[name] = await freePort();
  const blobs = join(work, 'blobs');
  mkdirSync(blobs);
  const loopback = { ports, databaseUrl, paths: { '/var/lib/steward/blobs': blobs } };
  const envOf = (name: string) => onLoopback(name, environmentOf(compose[name]!, vars), loopback);
  // Compose starts the subgraphs together, and the gateway once they are healthy.
  const started = await Promise.allSettled(
    SUBGRAPHS.map((name) => startNodeProcess(commandOf(compose[name]!), envOf(name), STARTUP_MS)),
  );
  for (const result of started) if (result.status === 'fulfilled') processes.push(result.value);
  for (const result of started) if (result.status === 'rejected') throw result.reason;
  const gateway = await startNodeProcess(commandOf(compose.gateway!), envOf('gateway'), STARTUP_MS);
  processes.push(gateway);
  gatewayUrl = gateway.url;
}, 240_000);

afterAll(async () => {
  // The gateway first, as Compose stops what depends on the others first; each exits 0 on SIGTERM.
  const exits: Record<string, number | string | null> = {};
  for (const running of processes.reverse()) {
    const code = await running.stop();
    exits[running.entry] = code ?? running.child.signalCode;
  }
  await smtp?.close();
  rmSync(work, { recursive: true, force: true });
  expect(exits).toEqual(Object.fromEntries(Object.keys(exits).map((entry) => [entry, 0])));
});

describe('the production topology of docker-compose.yml', () => {
  it('npm run keys wrote a .env only its owner reads, and will not overwrite it', () => {
    const envFile = join(work, '.env');
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const again = () =>
      execFileSync(process.execPath, [join(ROOT, 'scripts/keys.ts'), '--out', envFile], { stdio: 'pipe' });
    expect(again).toThrow(/exists: not overwritten/);
  });

  it('builds every service from the image, with a health check, a restart policy and its own database role', () => {
    for (const name of SERVICES) {
      const service = compose[name]!;
      expect(service.build).toBe('.');
      expect(service.image).toMatch(/^steward:/);
      expect(service.restart).toBe('unless-stopped');
      expect(service.healthcheck?.test).toEqual(['CMD', 'node', 'scripts/healthcheck.ts']);
      expect(service.depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' } });
      const env = environmentOf(service, generated);
      expect(env.NODE_ENV).toBe('production');
      const role = name === 'gateway' ? GATEWAY_ROLE : rolesOf(name).runtime;
      expect(new URL(env.DATABASE_URL!).username).toBe(role);
      // Neither the superuser's password nor the secret every role's password derives from.
      expect(env.STEWARD_DB_SECRET).toBeUndefined();
      expect(env.DATABASE_URL).not.toContain(generated.POSTGRES_PASSWORD);
    }
    expect(compose.migrate!.command).toEqual(['node', 'scripts/migrate.ts']);
    expect(compose.gateway!.depends_on).toMatchObject({ identity: { condition: 'service_healthy' } });
  });

  let token: string;
  let organizationId: string;

  it('signs in by a code mailed through SMTP from STEWARD_MAIL_FROM', async () => {
    const email = 'operator@example.com';
    expect(
      await graphql<{ requestSignInCode: boolean }>(
        'mutation ($email: String!) { requestSignInCode(email: $email) }',
        { email },
      ),
    ).toEqual({ requestSignInCode: true });
    const mail = await waitFor(async () => smtp.mails.find((m) => m.to.includes(email)), 'the sign-in mail');
    expect(mail.headers).toContain(`From: ${generated.STEWARD_MAIL_FROM}`);
    const code = /\b(\d{6})\b/.exec(mail.body)?.[1];
    expect(code).toBeDefined();
    const signedIn = await graphql<{ signInWithCode: { token: string } }>(
      'mutation ($email: String!, $code: String!) { signInWithCode(email: $email, code: $code) { token } }',
      { email, code },
    );
    token = signedIn.signInWithCode.token;
    const created = await graphql<{ createOrganization: { id: string } }>(
      'mutation { createOrganization(name: "Topology Inc.") { id } }',
      {},
      token,
    );
    organizationId = created.createOrganization.id;
  });

  it("delivers tenancy's audit event to the audit subgraph through its outbox relay", async () => {
    const event = await waitFor(async () => {
      const { auditEvents } = await graphql<{ auditEvents: { edges: { node: { action: string } }[] } }>(
        'query ($id: ID!) { auditEvents(organizationId: $id) { edges { node { action } } } }',
        { id: organizationId },
        token,
      );
      return auditEvents.edges.find((e) => e.node.action === 'tenancy.organization.created');
    }, 'the audit event');
    expect(event.node.action).toBe('tenancy.organization.created');
  });

  it("runs an export to completion on lifecycle's job worker, and serves its archive", async () => {
    const { requestDataExport } = await graphql<{ requestDataExport: { id: string } }>(
      'mutation ($s: SubjectInput!) { requestDataExport(subject: $s) { id } }',
      { s: { organizationId } },
      token,
    );
    const done = await waitFor(
      async () => {
        const { dataExport } = await graphql<{
          dataExport: { status: string; downloadUrl: string | null; sha256: string | null };
        }>(
          'query ($id: ID!) { dataExport(id: $id) { status downloadUrl sha256 } }',
          { id: requestDataExport.id },
          token,
        );
        if (dataExport.status === 'FAILED') throw new Error('export failed');
        return dataExport.status === 'COMPLETED' ? dataExport : undefined;
      },
      'the export',
      60_000,
    );
    const response = await fetch(new URL(done.downloadUrl!, gatewayUrl));
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(done.sha256);
    expect(readTar(bytes).get('manifest.json')?.toString('utf8')).toContain(organizationId);
  });

  it('runs a deletion to completion with a certificate that verifies', async () => {
    const { requestDeletion } = await graphql<{ requestDeletion: DeletionView }>(
      REQUEST_DELETION,
      { subject: { organizationId }, reason: 'Topology test' },
      token,
    );
    const done = await waitFor(
      async () => {
        const { deletionRequest } = await graphql<{ deletionRequest: DeletionView | null }>(
          DELETION_REQUEST,
          { id: requestDeletion.id },
          token,
        );
        if (deletionRequest?.status === 'FAILED') throw new Error('deletion failed');
        return deletionRequest?.status === 'COMPLETED' ? deletionRequest : undefined;
      },
      'the deletion',
      60_000,
    );
    expect(done.certificate).not.toBeNull();
    const { verifyDestructionCertificate } = await graphql<{
      verifyDestructionCertificate: { valid: boolean };
    }>(CERTIFICATE, { document: done.certificate!.document, signature: done.certificate!.signature }, token);
    expect(verifyDestructionCertificate.valid).toBe(true);
  });
});
