import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, createIsolatedDatabase, startTestStack, type TestStack } from './support/stack.ts';
import { waitFor } from './support/audit-helpers.ts';
import { readTar, type ExportManifest } from '../subgraphs/lifecycle/src/module.ts';
import {
  CERTIFICATE,
  DELETION_RECEIPT,
  DELETION_REQUEST,
  REQUEST_DELETION,
  waitForDeletion,
  waitForReceipt,
  type DeletionView,
} from './support/deletion-fixtures.ts';
import { codeOf, join, organization, type SignedIn } from './support/tenancy-fixtures.ts';
import { lifecycleGql, ok } from './support/lifecycle-fixtures.ts';

// Issue 15, "Who may act on a person": an organization's admins act on that organization's data
// about its members; a person's account belongs to that person. Each finding through the gateway.

const REQUEST_EXPORT = /* GraphQL */ `
  mutation RequestExport($subject: SubjectInput!) {
    requestDataExport(subject: $subject) {
      id
      status
    }
  }
`;
const DATA_EXPORT = /* GraphQL */ `
  query DataExport($id: ID!) {
    dataExport(id: $id) {
      id
      status
      downloadUrl
    }
  }
`;
const REMOVE_MEMBER = /* GraphQL */ `
  mutation RemoveMember($organizationId: ID!, $userId: ID!) {
    removeMember(organizationId: $organizationId, userId: $userId)
  }
`;
const ME = /* GraphQL */ `
  query Me {
    me {
      id
    }
  }
`;

interface ExportView {
  id: string;
  status: string;
  downloadUrl: string | null;
}

let stack: TestStack;
let db: pg.Client;

const gql = <T>(query: string, variables: Record<string, unknown>, token?: string) =>
  lifecycleGql<T>(stack, query, variables, token);

/** A person who is a MEMBER of A (whose admin is `adminA`) and the only ADMIN of their own B. */
async function personInTwoOrganizations(label: string) {
  const a = await organization(stack, `${label}-a`);
  const person = await join(
    stack,
    a.admin.token,
    { organizationId: a.organizationId, role: 'MEMBER' },
    label,
  );
  const b = ok(
    await gql<{ createOrganization: { id: string } }>(
      'mutation ($name: String!) { createOrganization(name: $name) { id } }',
      { name: `${label} B` },
      person.token,
    ),
  ).createOrganization.id;
  return { a, person, organizationB: b };
}

async function membershipsOf(userId: string): Promise<{ organization_id: string; role: string }[]> {
  const { rows } = await db.query<{ organization_id: string; role: string }>(
    `select organization_id, role from tenancy.memberships where user_id = $1 order by organization_id`,
    [userId],
  );
  return rows;
}

async function exportOf(subject: Record<string, string>, token: string): Promise<ExportView> {
  const requested = ok(await gql<{ requestDataExport: ExportView }>(REQUEST_EXPORT, { subject }, token));
  return waitFor(async () => {
    const view = ok(
      await gql<{ dataExport: ExportView | null }>(
        DATA_EXPORT,
        { id: requested.requestDataExport.id },
        token,
      ),
    ).dataExport;
    if (view?.status === 'FAILED') throw new Error('export failed');
    return view?.status === 'COMPLETED' ? view : undefined;
  }, 'export');
}

const download = (link: string) => fetch(new URL(link, stack.url));

/** Everything the relays hold reaches audit first (a deletion waits for undelivered rows). */
const outboxesDelivered = () =>
  waitFor(async () => {
    const { rows } = await db.query<{ n: number }>(
      `select (select count(*) from identity.audit_outbox where delivered_at is null)
            + (select count(*) from tenancy.audit_outbox where delivered_at is null) as n`,
    );
    return Number(rows[0]!.n) === 0 || undefined;
  }, 'outboxes delivered');

beforeAll(async () => {
  const databaseUrl = await createIsolatedDatabase();
  stack = await startTestStack({ databaseUrl, lifecycle: { deletionGracePeriod: 'PT0S', jobPollMs: 200 } });
  db = await adminClient(databaseUrl);
}, 60_000);
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

describe("an admin acts on the organization's data about a member, never on their account", () => {
  it("refuses to delete the member's account, and erases A's data about them only", async () => {
    const { a, person, organizationB } = await personInTwoOrganizations('erase-member');
    const account = await gql(
      REQUEST_DELETION,
      { subject: { userId: person.userId }, reason: 'Gone' },
      a.admin.token,
    );
    expect(codeOf(account)).toBe('NOT_FOUND');
    const { rows: none } = await db.query(`select 1 from lifecycle.deletion_requests where user_id = $1`, [
      person.userId,
    ]);
    expect(none).toHaveLength(0);

    const requested = ok(
      await gql<{ requestDeletion: DeletionView }>(
        REQUEST_DELETION,
        { subject: { organizationId: a.organizationId, userId: person.userId }, reason: 'Left A' },
        a.admin.token,
      ),
    ).requestDeletion;
    expect(requested.receipt).toBeNull();
    const done = await waitForDeletion(stack, requested.id, a.admin.token);
    // Removed from A; still ADMIN of B, still signed in: the account was never A's to delete.
    expect(await membershipsOf(person.userId)).toEqual([{ organization_id: organizationB, role: 'ADMIN' }]);
    // A and the rest of its members stay as they were.
    expect(await membershipsOf(a.admin.userId)).toEqual([
      { organization_id: a.organizationId, role: 'ADMIN' },
    ]);
    const { rows: organizations } = await db.query(`select 1 from tenancy.organizations where id = $1`, [
      a.organizationId,
    ]);
    expect(organizations).toHaveLength(1);
    expect(ok(await gql<{ me: { id: string } }>(ME, {}, person.token)).me.id).toBe(person.userId);
    const content = JSON.parse(done.certificate!.document) as { subject: unknown };
    expect(content.subject).toEqual({ organizationId: a.organizationId, userId: person.userId });
  });

  it("exports A's data about the member only: not B's membership, sessions or sign-in attempts", async () => {
    const { a, person } = await personInTwoOrganizations('export-member');
    const account = await gql(REQUEST_EXPORT, { subject: { userId: person.userId } }, a.admin.token);
    expect(codeOf(account)).toBe('NOT_FOUND');
    const view = await exportOf({ organizationId: a.organizationId, userId: person.userId }, a.admin.token);
    const response = await download(view.downloadUrl!);
    expect(response.status).toBe(200);
    const files = readTar(Buffer.from(await response.arrayBuffer()));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as ExportManifest;
    expect(manifest.subject).toEqual({ organizationId: a.organizationId, userId: person.userId });
    const types = manifest.parts.map((part) => part.type);
    for (const type of ['User', 'Session', 'SignInAttempt', 'Organization'])
      expect(types).not.toContain(type);
    const memberships = files
      .get('Membership.jsonl')!
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { organizationId: string; userId: string });
    expect(memberships).toEqual([
      expect.objectContaining({ organizationId: a.organizationId, userId: person.userId }),
    ]);
  });
});

describe('an organization keeps an admin', () => {
  it("refuses the last ADMIN's own account deletion with CONFLICT naming the organization", async () => {
    const { person, organizationB } = await personInTwoOrganizations('last-admin');
    for (const subject of [
      { userId: person.userId },
      { organizationId: organizationB, userId: person.userId },
    ]) {
      const refused = await gql(REQUEST_DELETION, { subject, reason: 'Leaving' }, person.token);
      expect(codeOf(refused)).toBe('CONFLICT');
      expect(refused.errors![0]!.message).toContain(organizationB);
      expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'LAST_ADMIN' });
    }
    const { rows } = await db.query(`select 1 from lifecycle.deletion_requests where user_id = $1`, [
      person.userId,
    ]);
    expect(rows).toHaveLength(0);
    expect(await membershipsOf(person.userId)).toHaveLength(2);
  });
});

describe("an organization's exports follow the caller's current role", () => {
  let removed: SignedIn;
  let stays: SignedIn;
  let view: ExportView;
  let organizationId: string;

  beforeAll(async () => {
    const a = await organization(stack, 'current-role');
    organizationId = a.organizationId;
    stays = a.admin;
    removed = await join(stack, stays.token, { organizationId, role: 'ADMIN' }, 'removed-admin');
    view = await exportOf({ organizationId }, removed.token);
    const before = await download(view.downloadUrl!);
    expect(before.status).toBe(200);
    await before.arrayBuffer();
    ok(await gql(REMOVE_MEMBER, { organizationId, userId: removed.userId }, stays.token));
  });

  it('an admin removed from the organization no longer reads the export they requested', async () => {
    const read = ok(
      await gql<{ dataExport: ExportView | null }>(DATA_EXPORT, { id: view.id }, removed.token),
    );
    expect(read.dataExport).toBeNull();
    const byAdmin = ok(
      await gql<{ dataExport: ExportView | null }>(DATA_EXPORT, { id: view.id }, stays.token),
    );
    expect(byAdmin.dataExport?.status).toBe('COMPLETED');
  });

  it('nor downloads it with the link they were given', async () => {
    const response = await download(view.downloadUrl!);
    expect(response.status).toBe(403);
    expect(
      ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('FORBIDDEN');
    // The organization's current admin gets a link of their own that works.
    const fresh = ok(
      await gql<{ dataExport: ExportView }>(DATA_EXPORT, { id: view.id }, stays.token),
    ).dataExport;
    const allowed = await download(fresh.downloadUrl!);
    expect(allowed.status).toBe(200);
    await allowed.arrayBuffer();
  });
});

describe('a person who deleted their own account', () => {
  it('reads the deletion and its certificate with the receipt, without an account', async () => {
    const a = await organization(stack, 'receipt');
    const person = await join(
      stack,
      a.admin.token,
      { organizationId: a.organizationId, role: 'MEMBER' },
      'receipt',
    );
    await outboxesDelivered();
    const requested = ok(
      await gql<{ requestDeletion: DeletionView }>(
        REQUEST_DELETION,
        { subject: { userId: person.userId }, reason: 'Leaving' },
        person.token,
      ),
    ).requestDeletion;
    const receipt = requested.receipt!;
    expect(receipt).toBeTruthy();
    const done = await waitForReceipt(stack, receipt);
    expect(done.id).toBe(requested.id);
    expect(await membershipsOf(person.userId)).toEqual([]);
    expect(codeOf(await gql(ME, {}, person.token))).toBe('UNAUTHENTICATED');
    // The certificate read without an account verifies.
    const verified = ok(
      await gql<{ verifyDestructionCertificate: { valid: boolean } }>(
        CERTIFICATE,
        { document: done.certificate!.document, signature: done.certificate!.signature },
        a.admin.token,
      ),
    );
    expect(verified.verifyDestructionCertificate.valid).toBe(true);
    // A forged receipt, or one naming another person, reads nothing.
    const [deletionId, userId, signature] = receipt.split('.') as [string, string, string];
    const forged = `${deletionId}.${userId}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    for (const candidate of [forged, `${deletionId}.${a.admin.userId}.${signature}`, 'nope']) {
      expect(
        ok(await gql<{ deletionReceipt: unknown }>(DELETION_RECEIPT, { receipt: candidate })).deletionReceipt,
      ).toBeNull();
    }
    // The organization's admin does not see the person's account deletion, nor its receipt.
    expect(
      ok(
        await gql<{ deletionRequest: DeletionView | null }>(
          DELETION_REQUEST,
          { id: requested.id },
          a.admin.token,
        ),
      ).deletionRequest,
    ).toBeNull();
  });
});
