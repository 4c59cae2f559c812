import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SUBJECT_DESTROY_PATH } from '../contracts/subject-data-destroy.ts';
import { createIsolatedDatabase, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { waitFor } from './support/audit-helpers.ts';
import { lifecycleGql, ok } from './support/lifecycle-fixtures.ts';
import { DELETION_FIELDS, REQUEST_DELETION, waitForDeletion } from './support/deletion-fixtures.ts';
import type { NodeProcess } from './support/node-process.ts';
import { killProcess, startLifecycleProcess } from './support/lifecycle-process.ts';
import { startSwitchableProxy, type SwitchableProxy } from './support/switchable-proxy.ts';

// Must-show (issue 16): a deletion outlives a subgraph outage longer than the old queue's 30-second
// retry window; a job that always fails becomes a dead letter an operator sees (metric, error log)
// and, for a contract's deletion, the organization's admins are mailed; retryDeletion runs it
// again. The jobs run in a lifecycle process of their own, which reaches tenancy and identity
// through proxies the test switches; the in-process stack serves the API and runs no job. The
// retries are short here (seconds apart, for 70 s: set when the job is enqueued, by the stack).

const RETRY_SECONDS = 70;

let stack: TestStack;
let db: pg.Client;
let blobDir: string;
let tenancy: SwitchableProxy;
let identity: SwitchableProxy;
let worker: NodeProcess;
const workerLog: string[] = [];

const RETRY_DELETION = /* GraphQL */ `
  mutation RetryDeletion($id: ID!) {
    retryDeletion(id: $id) { ${DELETION_FIELDS} }
  }
`;
const END_CONTRACT = /* GraphQL */ `
  mutation EndContract($organizationId: ID!, $endsAt: DateTime!) {
    endContract(organizationId: $organizationId, endsAt: $endsAt) {
      id
    }
  }
`;

async function organization(label: string) {
  const email = uniqueEmail(label);
  const admin = await stack.signIn(email);
  const { createOrganization } = ok(
    await lifecycleGql<{ createOrganization: { id: string } }>(
      stack,
      /* GraphQL */ `
        mutation ($name: String!) {
          createOrganization(name: $name) {
            id
          }
        }
      `,
      { name: label },
      admin.token,
    ),
  );
  return { email, token: admin.token, organizationId: createOrganization.id };
}

async function deletionRow(id: string) {
  const { rows } = await db.query<{ status: string; error: string | null }>(
    `select status, error from lifecycle.deletion_requests where id = $1`,
    [id],
  );
  return rows[0]!;
}

async function workerMetrics(): Promise<string> {
  return (await fetch(worker.url.replace(/\/graphql$/, '/metrics'))).text();
}

const metricOf = (text: string, series: string) =>
  Number(
    text
      .split('\n')
      .find((line) => line.startsWith(series))
      ?.split(' ')[1] ?? 0,
  );

beforeAll(async () => {
  blobDir = mkdtempSync(join(tmpdir(), 'steward-retries-blobs-'));
  const databaseUrl = await createIsolatedDatabase();
  stack = await startTestStack({
    databaseUrl,
    lifecycle: {
      jobWorker: false,
      deletionGracePeriod: 'PT0S',
      blobDir,
      jobLeaseSeconds: 10,
      jobs: { retry: { delaySeconds: 1, maxDelaySeconds: 4, hours: RETRY_SECONDS / 3600 } },
    },
  });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  tenancy = await startSwitchableProxy(stack.subgraphs.tenancy!.url);
  identity = await startSwitchableProxy(stack.subgraphs.identity!.url, SUBJECT_DESTROY_PATH);
  worker = await startLifecycleProcess(stack, {
    databaseUrl,
    blobDir,
    jobLeaseSeconds: 10,
    subgraphUrls: { tenancy: tenancy.url, identity: identity.url },
    env: { STEWARD_MAIL_TRANSPORT: 'mailbox', STEWARD_MAILBOX_DIR: stack.mailbox },
  });
  worker.child.stdout!.on('data', (chunk: Buffer) => workerLog.push(...String(chunk).split('\n')));
}, 120_000);

afterAll(async () => {
  if (worker) await killProcess(worker);
  await tenancy?.close();
  await identity?.close();
  await db?.end();
  await stack?.close();
  if (blobDir) rmSync(blobDir, { recursive: true, force: true });
}, 60_000);

describe('deletion jobs on the queue', () => {
  it('a subgraph down for longer than 30 s: the deletion completes once it is back', async () => {
    const { token, organizationId } = await organization('outage');
    tenancy.mode = 'down';
    const downSince = Date.now();
    const { requestDeletion } = ok(
      await lifecycleGql<{ requestDeletion: { id: string } }>(
        stack,
        REQUEST_DELETION,
        { subject: { organizationId }, reason: 'Outage test' },
        token,
      ),
    );
    // Failing and retried, not given up, for 35 s (the old queue gave up after about 30 s).
    await waitFor(
      async () =>
        metricOf(await workerMetrics(), 'steward_jobs_failures_total{kind="deletion"') >= 3 || undefined,
      'the deletion failing while tenancy is down',
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 35_000 - (Date.now() - downSince))));
    expect((await deletionRow(requestDeletion.id)).status).not.toMatch(/FAILED|COMPLETED/);
    tenancy.mode = 'up';

    const deletion = await waitForDeletion(stack, requestDeletion.id, token, 60_000);
    expect(deletion.status).toBe('COMPLETED');
    expect(deletion.certificate).not.toBeNull();
    expect(metricOf(await workerMetrics(), 'steward_jobs_dead_lettered_total{kind="deletion"')).toBe(0);
  }, 150_000);

  it("a contract's deletion that always fails: dead letter, metric, error log, admins' mail; retryDeletion runs it", async () => {
    const admin = await organization('dead-letter');
    const other = await organization('dead-letter-other');
    ok(
      await stack.graphql(
        END_CONTRACT,
        { organizationId: admin.organizationId, endsAt: new Date().toISOString() },
        admin.token,
      ),
    );
    const { rows } = await db.query<{ id: string }>(
      `select id from lifecycle.deletion_requests where organization_id = $1 and origin = 'CONTRACT_END'`,
      [admin.organizationId],
    );
    const deletionId = rows[0]!.id;
    // Thirty days pass: the deletion and its job are due now.
    identity.mode = 'failing';
    await db.query(`update lifecycle.deletion_requests set scheduled_for = now() where id = $1`, [
      deletionId,
    ]);
    await db.query(
      `update lifecycle_jobs.job set start_after = now() where name = 'deletion' and data ->> 'deletionId' = $1`,
      [deletionId],
    );

    await waitFor(
      async () => ((await deletionRow(deletionId)).status === 'FAILED' ? true : undefined),
      'the deletion a dead letter',
      RETRY_SECONDS * 1000 + 60_000,
    );
    const mail = await waitFor(
      async () =>
        stack.mails(admin.email).find((m) => m.subject.startsWith('The deletion of your data has failed')),
      "the admins' mail",
    );
    expect(mail.text).toContain(`retryDeletion(id: "${deletionId}")`);
    const metrics = await workerMetrics();
    expect(metricOf(metrics, 'steward_jobs_dead_lettered_total{kind="deletion"')).toBe(1);
    expect(metricOf(metrics, 'steward_jobs_dead_letters{kind="deletion"')).toBe(1);
    expect(workerLog.some((line) => line.includes('"level":50') && line.includes(deletionId))).toBe(true);

    // Another organization's admin does not see it; a malformed id is bad input; nothing changes.
    const foreign = await stack.graphql(RETRY_DELETION, { id: deletionId }, other.token);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await stack.graphql(RETRY_DELETION, { id: 'not-an-id' }, admin.token);
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await deletionRow(deletionId)).status).toBe('FAILED');

    identity.mode = 'up';
    // Two admins' clicks at once: one retry, the other a CONFLICT.
    const answers = await Promise.all(
      [1, 2].map(() =>
        stack.graphql<{ retryDeletion: { status: string } }>(RETRY_DELETION, { id: deletionId }, admin.token),
      ),
    );
    expect(answers.filter((a) => a.data?.retryDeletion.status === 'RUNNING')).toHaveLength(1);
    expect(answers.filter((a) => a.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(1);
    // Recorded with the retry, in its transaction (read before the deletion takes the organization's rows).
    const recorded = await db.query(
      `select 1 from lifecycle.audit_outbox
        where event::text like '%lifecycle.deletion.retried%' and event::text like '%' || $1 || '%'`,
      [deletionId],
    );
    expect(recorded.rows).toHaveLength(1);
    const deletion = await waitForDeletion(stack, deletionId, admin.token, 60_000);
    expect(deletion.status).toBe('COMPLETED');
    expect(deletion.certificate).not.toBeNull();
    // The organization is gone, and its admins with it: nobody may act on the deletion any more.
    const after = await stack.graphql(RETRY_DELETION, { id: deletionId }, admin.token);
    expect(after.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  }, 240_000);
});
