import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { readTar, type ExportManifest } from '../subgraphs/lifecycle/src/module.ts';
import { createIsolatedDatabase, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { waitFor } from './support/audit-helpers.ts';
import { lifecycleGql, ok } from './support/lifecycle-fixtures.ts';
import { CERTIFICATE, REQUEST_DELETION, waitForDeletion } from './support/deletion-fixtures.ts';
import type { NodeProcess } from './support/node-process.ts';
import { killProcess, startLifecycleProcess } from './support/lifecycle-process.ts';

// Must-show: the job worker, a lifecycle process of its own, is killed (SIGKILL) in the middle of
// an export and of a deletion; a fresh one takes the job up after its lease and finishes it, with
// one archive and one certificate whose counts are the rows seeded. The in-process stack serves
// the API and the subgraphs' routes but runs no job; the database is this file's alone, so no
// other file's worker can take these jobs.

const PROJECTS = 100_000;
const EXTRA_MEMBERS = 5_000;
// pg-boss's shortest heartbeat: a killed worker's job is retried within it (and a supervise pass).
const LEASE_SECONDS = 10;

/** Per tenancy type, its table: the rows seeded for the organization. */
const TENANCY_TABLES = {
  Organization: ['organizations', 'id'],
  Project: ['projects', 'organization_id'],
  Membership: ['memberships', 'organization_id'],
  ProjectMembership: ['project_memberships', 'organization_id'],
  Invitation: ['invitations', 'organization_id'],
} as const;
type TenancyType = keyof typeof TENANCY_TABLES;

let stack: TestStack;
let db: pg.Client;
let databaseUrl: string;
let blobDir: string;
let previousBlobDir: string | undefined;
const workers: NodeProcess[] = [];
let token: string;
let organizationId: string;
let seeded: Record<TenancyType, number>;
let exportId: string;

const gql = <T>(query: string, variables: Record<string, unknown>) =>
  lifecycleGql<T>(stack, query, variables, token);

async function startWorker(): Promise<NodeProcess> {
  const worker = await startLifecycleProcess(stack, { databaseUrl, blobDir, jobLeaseSeconds: LEASE_SECONDS });
  workers.push(worker);
  return worker;
}

async function tenancyCounts(): Promise<Record<TenancyType, number>> {
  const counts = {} as Record<TenancyType, number>;
  for (const [type, [table, column]] of Object.entries(TENANCY_TABLES)) {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from tenancy.${table} where ${column} = $1`,
      [organizationId],
    );
    counts[type as TenancyType] = rows[0]!.n;
  }
  return counts;
}

async function jobOf(key: 'exportId' | 'deletionId', id: string) {
  const { rows } = await db.query<{ status: string; attempts: number }>(
    `select state as status, retry_count + (case when state in ('created', 'retry') then 0 else 1 end) as attempts
     from lifecycle_jobs.job where data ->> '${key}' = $1`,
    [id],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** Every file under the blob folder, relative to it (archives, partial writes, scratch parts). */
function blobFiles(dir = blobDir): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(blobDir, join(entry.parentPath, entry.name)))
    .sort();
}

beforeAll(async () => {
  // A blob folder of its own, for the in-process lifecycle subgraph and the worker processes alike.
  blobDir = mkdtempSync(join(tmpdir(), 'steward-crash-blobs-'));
  previousBlobDir = process.env.STEWARD_BLOB_DIR;
  process.env.STEWARD_BLOB_DIR = blobDir;
  databaseUrl = await createIsolatedDatabase();
  // The jobs' lease and retries are set when they are enqueued, here: a killed worker's job is
  // retried within seconds of its lease running out.
  stack = await startTestStack({
    databaseUrl,
    lifecycle: {
      jobWorker: false,
      deletionGracePeriod: 'PT0S',
      jobLeaseSeconds: LEASE_SECONDS,
      jobs: { retry: { delaySeconds: 1, maxDelaySeconds: 2, hours: 1 } },
    },
  });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();

  const admin = await stack.signIn(uniqueEmail('crash'));
  token = admin.token;
  organizationId = ok(
    await gql<{ createOrganization: { id: string } }>(
      /* GraphQL */ `
        mutation ($name: String!) {
          createOrganization(name: $name) {
            id
          }
        }
      `,
      { name: 'Crash test' },
    ),
  ).createOrganization.id;
  // Big enough that the export and the deletion last seconds: straight into the tables.
  await db.query(
    `insert into tenancy.projects (id, organization_id, name)
     select gen_random_uuid(), $1, 'Project ' || n from generate_series(1, $2::int) n`,
    [organizationId, PROJECTS],
  );
  await db.query(
    `insert into tenancy.memberships (id, organization_id, user_id, role)
     select gen_random_uuid(), $1, gen_random_uuid(), 'MEMBER' from generate_series(1, $2::int)`,
    [organizationId, EXTRA_MEMBERS],
  );
  // One member on every project: not the admin, whose principal would carry every project role.
  await db.query(
    `insert into tenancy.project_memberships (id, organization_id, project_id, user_id, role)
     select gen_random_uuid(), p.organization_id, p.id, m.user_id, 'EDITOR'
     from tenancy.projects p
     join (select user_id from tenancy.memberships where organization_id = $1 and role = 'MEMBER' limit 1) m on true
     where p.organization_id = $1`,
    [organizationId],
  );
  await db.query('analyze');
  seeded = await tenancyCounts();
  expect(seeded).toEqual({
    Organization: 1,
    Project: PROJECTS,
    Membership: EXTRA_MEMBERS + 1,
    ProjectMembership: PROJECTS,
    Invitation: 0,
  });
  // What the sign-in and the creation recorded reaches audit first (undelivered rows are not deletable).
  await waitFor(async () => {
    const { rows } = await db.query<{ n: number }>(
      `select (select count(*) from identity.audit_outbox where delivered_at is null)
            + (select count(*) from tenancy.audit_outbox where delivered_at is null) as n`,
    );
    return Number(rows[0]!.n) === 0 || undefined;
  }, 'outboxes delivered');
  // Seeding thousands of rows beside the heavier files of a full run (two suites share two cores).
}, 180_000);

afterAll(async () => {
  await Promise.all(workers.map(killProcess));
  await db?.end();
  await stack?.close();
  if (previousBlobDir === undefined) delete process.env.STEWARD_BLOB_DIR;
  else process.env.STEWARD_BLOB_DIR = previousBlobDir;
  if (blobDir) rmSync(blobDir, { recursive: true, force: true });
}, 120_000);

describe('a worker killed in the middle of a job', () => {
  it('export: a fresh worker resumes it and stores exactly one archive holding every row', async () => {
    const first = await startWorker();
    exportId = ok(
      await gql<{ requestDataExport: { id: string } }>(
        /* GraphQL */ `
          mutation ($subject: SubjectInput!) {
            requestDataExport(subject: $subject) {
              id
            }
          }
        `,
        { subject: { organizationId } },
      ),
    ).requestDataExport.id;
    // Under way: some subgraphs read (progress > 0), tenancy's 200,000 rows (read last) yet to come.
    const underWay = await waitFor(async () => {
      const { rows } = await db.query<{ status: string; progress: number }>(
        `select status, progress from lifecycle.data_exports where id = $1`,
        [exportId],
      );
      return rows[0]!.progress > 0 ? rows[0]! : undefined;
    }, 'export under way');
    await killProcess(first);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(underWay.status).toBe('RUNNING');
    expect(underWay.progress).toBeLessThan(1);

    // The kill left the job unfinished: still running, leased, no archive, scratch parts behind.
    const [left] = (
      await db.query<{ status: string }>(`select status from lifecycle.data_exports where id = $1`, [
        exportId,
      ])
    ).rows;
    expect(left!.status).toBe('RUNNING');
    // pg-boss still sees it active until the lease runs out.
    expect(await jobOf('exportId', exportId)).toEqual({ status: 'active', attempts: 1 });
    expect(blobFiles().filter((file) => file.startsWith('exports'))).toEqual([]);
    expect(blobFiles().some((file) => file.startsWith(join('.work', exportId)))).toBe(true);

    await startWorker();
    const view = await waitFor(
      async () => {
        const found = ok(
          await gql<{ dataExport: { status: string; progress: number; sizeBytes: number; sha256: string } }>(
            /* GraphQL */ `
              query ($id: ID!) {
                dataExport(id: $id) {
                  status
                  progress
                  sizeBytes
                  sha256
                }
              }
            `,
            { id: exportId },
          ),
        ).dataExport;
        if (found.status === 'FAILED') throw new Error(`export ${exportId} failed`);
        return found.status === 'COMPLETED' ? found : undefined;
      },
      'export completed',
      60_000,
    );
    expect(view.progress).toBe(1);
    expect(await jobOf('exportId', exportId)).toEqual({ status: 'completed', attempts: 2 });

    // One archive, and nothing else: no partial write, no scratch part of this export.
    expect(blobFiles()).toEqual([join('exports', `${exportId}.tar`)]);
    expect(existsSync(join(blobDir, '.work', exportId))).toBe(false);
    const bytes = readFileSync(join(blobDir, 'exports', `${exportId}.tar`));
    expect(bytes.length).toBe(view.sizeBytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(view.sha256);
    const files = readTar(bytes);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as ExportManifest;
    const counts = Object.fromEntries(manifest.parts.map((part) => [part.type, part.count]));
    expect(counts).toMatchObject(seeded);
    for (const part of manifest.parts) {
      const content = files.get(part.file)!;
      expect(createHash('sha256').update(content).digest('hex')).toBe(part.sha256);
      expect(content.toString('utf8').split('\n').filter(Boolean)).toHaveLength(part.count);
    }
  }, 150_000);

  it('deletion: a fresh worker resumes it and issues one certificate counting every row once', async () => {
    const requested = ok(
      await gql<{ requestDeletion: { id: string } }>(REQUEST_DELETION, {
        subject: { organizationId },
        reason: 'Crash test',
      }),
    ).requestDeletion;
    const deletionId = requested.id;
    // Under way: tenancy has committed some batches of a type and not finished it.
    const underWay = await waitFor(async () => {
      const { rows } = await db.query<{ type: string; count: number; done: boolean }>(
        `select type, count::int as count, done from tenancy.lifecycle_destructions where request_id = $1`,
        [deletionId],
      );
      return rows.some((row) => row.count > 0 && !row.done) ? rows : undefined;
    }, 'deletion under way');
    const current = workers.at(-1)!;
    await killProcess(current);
    expect(current.child.signalCode).toBe('SIGKILL');
    const partial = underWay.find((row) => !row.done)!;
    expect(partial.count).toBeGreaterThan(0);
    expect(partial.count).toBeLessThan(seeded[partial.type as TenancyType]);

    // The kill left the job unfinished: running, leased, no certificate.
    const [left] = (
      await db.query<{ status: string; certificate_id: string | null }>(
        `select status, certificate_id from lifecycle.deletion_requests where id = $1`,
        [deletionId],
      )
    ).rows;
    expect(left).toEqual({ status: 'RUNNING', certificate_id: null });
    expect(await jobOf('deletionId', deletionId)).toEqual({ status: 'active', attempts: 1 });

    await startWorker();
    const deletion = await waitForDeletion(stack, deletionId, token, 100_000);
    expect(await jobOf('deletionId', deletionId)).toEqual({ status: 'completed', attempts: 2 });

    const certificate = JSON.parse(deletion.certificate!.document) as {
      certificateId: string;
      subject: unknown;
      subgraphs: { name: string; types: { type: string; strategy: string; count: number }[] }[];
      verification: { passed: boolean; remaining: number };
    };
    expect(certificate.subject).toEqual({ organizationId });
    const tenancy = certificate.subgraphs.find((s) => s.name === 'tenancy')!;
    // Each type's rows once, none lost and none counted twice across the kill (beside them, the
    // unexposed tables, like the delivered audit outbox).
    const tenancyTypes = tenancy.types.filter((t) => t.type in TENANCY_TABLES);
    expect(Object.fromEntries(tenancyTypes.map((t) => [t.type, t.count]))).toEqual(seeded);
    expect(tenancyTypes.every((t) => t.strategy === 'ERASE')).toBe(true);
    const lifecycle = certificate.subgraphs.find((s) => s.name === 'lifecycle')!;
    expect(lifecycle.types).toContainEqual({ type: 'DataExport', strategy: 'ERASE', count: 1 });
    expect(certificate.verification).toMatchObject({ passed: true, remaining: 0 });
    const verified = ok(
      await gql<{ verifyDestructionCertificate: { valid: boolean; keyId: string } }>(CERTIFICATE, {
        document: deletion.certificate!.document,
        signature: deletion.certificate!.signature,
      }),
    ).verifyDestructionCertificate;
    expect(verified).toEqual({ valid: true, keyId: deletion.certificate!.keyId, reason: null });

    // One certificate: the one stored is the one the single completion event names.
    const events = await waitFor(async () => {
      const { rows } = await db.query<{ metadata: { certificateId: string } }>(
        `select metadata from audit.events where action = 'lifecycle.deletion.completed' and target_id = $1`,
        [deletionId],
      );
      return rows.length ? rows : undefined;
    }, 'deletion completed event');
    expect(events.map((e) => e.metadata.certificateId)).toEqual([certificate.certificateId]);

    // The rows are gone, and the archive of the export with them.
    expect(Object.values(await tenancyCounts())).toEqual(Object.values(seeded).map(() => 0));
    expect(existsSync(join(blobDir, 'exports', `${exportId}.tar`))).toBe(false);
  }, 150_000);
});
