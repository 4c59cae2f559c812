import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { SUBJECT_DESTROY_PATH, type DestroyResponse } from '../contracts/subject-data-destroy.ts';
import { adminClient, createIsolatedDatabase, startTestStack, type TestStack } from './support/stack.ts';
import { internalToken, waitFor } from './support/audit-helpers.ts';
import {
  ACCEPT_INVITATION,
  codeOf,
  INVITE_MEMBER,
  join as joinOrganization,
  mailedToken,
} from './support/tenancy-fixtures.ts';
import { lifecycleGql, ok, seedCanaryTenant, type CanaryTenant } from './support/lifecycle-fixtures.ts';
import {
  dumpDatabase,
  dumpMailbox,
  occurrences,
  retainedTables,
  tablesHolding,
  tablesKeptBy,
  withoutTables,
  type CertifiedTypes,
} from './support/database-dump.ts';
import { verifyChainAsSuperuser } from './support/chain-as-superuser.ts';
import { auditContentOf, testKeyStore, type TestKeyStore } from './support/subject-keys.ts';
import { AUDIT_CHAIN, type ChainResult } from './support/audit-helpers.ts';
import {
  CERTIFICATE,
  DELETION_REQUEST,
  REQUEST_DELETION,
  waitForReceipt,
  type DeletionView,
  waitForDeletion,
} from './support/deletion-fixtures.ts';

// The canary test of deletion: two organizations whose fields hold unique strings. Deleting A
// leaves no A canary anywhere in the database but in @retain fields, and B exactly as it was;
// the same for one user of B while B stays. The deletion runs at once (grace period PT0S).
// A second look covers every table of every schema, outboxes and queues included, and the
// development mailbox folder: a canary may be left only where the certificate says it kept the
// data, with its reason and expiry.

type Subgraph = 'identity' | 'tenancy' | 'audit' | 'lifecycle';

let stack: TestStack;
let db: pg.Client;
let a: CanaryTenant;
let b: CanaryTenant;
let retained: string[];
let keys: TestKeyStore;
/**
 * What a full dump may still hold of a deleted subject: the deletion's own rows and their
 * certificate (lifecycle.deletion_requests). Audit events are in the dump: their content is sealed.
 */
const DELETION_RECORDS = ['lifecycle.deletion_requests'];
const blobDir = process.env.STEWARD_BLOB_DIR ?? join(tmpdir(), 'steward-blobs');

const gql = <T>(query: string, variables: Record<string, unknown>, token?: string, userAgent?: string) =>
  lifecycleGql<T>(stack, query, variables, token, userAgent);

/** The canaries of an organization's own data (its users' are theirs: see the user deletion). */
const organizationCanaries = (tenant: CanaryTenant) =>
  tenant.canaries.filter((c) => /orgname|projectname|invitee|apikeyname/.test(c));
const userCanaries = (tenant: CanaryTenant) =>
  tenant.canaries.filter((c) => /email|displayname|useragent/.test(c));

async function deleteAndWait(subject: Record<string, string>, token: string): Promise<DeletionView> {
  const requested = ok(
    await gql<{ requestDeletion: DeletionView }>(
      REQUEST_DELETION,
      { subject, reason: 'Customer asked' },
      token,
    ),
  ).requestDeletion;
  expect(requested.status).toMatch(/PENDING|RUNNING|COMPLETED/);
  return waitForDeletion(stack, requested.id, token);
}

/** The tables of the whole database (every schema) holding `canary` that the certificate does not keep. */
async function unlistedCopies(deletion: DeletionView, canary: string): Promise<string[]> {
  const kept = tablesKeptBy(JSON.parse(deletion.certificate!.document) as CertifiedTypes);
  return tablesHolding(await dumpDatabase(db), canary).filter((table) => !kept.includes(table));
}

/** Calls one subgraph's destroy route as the lifecycle service, as a rerun of a deletion would. */
async function destroyAgain(subgraph: Subgraph, requestId: string, subject: Record<string, string>) {
  const response = await fetch(new URL(SUBJECT_DESTROY_PATH, stack.subgraphs[subgraph]!.url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await internalToken(subgraph, { kind: 'system', service: 'lifecycle' })}`,
    },
    body: JSON.stringify({ requestId, subject, pseudonymKey: 'k'.repeat(64) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as DestroyResponse;
}

beforeAll(async () => {
  // A database of its own: the dumps hold this file's data only, and only this stack runs its jobs.
  const databaseUrl = await createIsolatedDatabase();
  stack = await startTestStack({
    databaseUrl,
    lifecycle: { deletionGracePeriod: 'PT0S', jobPollMs: 200 },
    // A destroyed key leaves the subgraphs' memory at once: the reads below see the destruction.
    keyCacheMs: 0,
  });
  db = await adminClient(databaseUrl);
  keys = testKeyStore(databaseUrl);
  retained = retainedTables();
  [a, b] = [await seedCanaryTenant(stack, 'A'), await seedCanaryTenant(stack, 'B')];
  // Everything the seeding recorded reaches audit first (undelivered outbox rows are not deletable).
  await waitFor(async () => {
    const { rows } = await db.query<{ n: number }>(
      `select (select count(*) from identity.audit_outbox where delivered_at is null)
            + (select count(*) from tenancy.audit_outbox where delivered_at is null) as n`,
    );
    return Number(rows[0]!.n) === 0 || undefined;
  }, 'outboxes delivered');
});
afterAll(async () => {
  await db?.end();
  await keys?.close();
  await stack?.close();
});

/** The chain of an organization, as its admin (or anyone allowed) reads `auditChain`. */
const chainOf = async (organizationId: string, token: string) =>
  ok(await gql<ChainResult>(AUDIT_CHAIN, { organizationId }, token)).auditChain;

/** The full dump's tables (deletion records aside) that hold `canary` in clear. */
const clearCopies = async (canary: string) => tablesHolding(await dumpDatabase(db, DELETION_RECORDS), canary);

describe('deleting an organization', () => {
  let deletion: DeletionView;
  let before: string;
  let mailboxBefore: string;
  let exportId: string;

  beforeAll(async () => {
    exportId = ok(
      await gql<{ requestDataExport: { id: string } }>(
        `mutation ($subject: SubjectInput!) { requestDataExport(subject: $subject) { id } }`,
        { subject: { organizationId: a.organizationId } },
        a.adminToken,
      ),
    ).requestDataExport.id;
    await waitFor(
      async () => existsSync(join(blobDir, 'exports', `${exportId}.tar`)) || undefined,
      'archive',
    );
    before = await dumpDatabase(db, retained);
    mailboxBefore = dumpMailbox(stack.mailbox);
    for (const canary of [...organizationCanaries(a), ...organizationCanaries(b)])
      expect(before).toContain(canary);
    // Every audit event's content holds A's canaries (names in the details, the admin's user
    // agent), readable by A's admin, and sealed at rest.
    const content = await auditContentOf(stack, a.organizationId, a.adminToken);
    for (const canary of [
      ...organizationCanaries(a),
      ...userCanaries(a).filter((c) => c.includes('useragent')),
    ])
      expect(content).toContain(canary);
    const { rows: stored } = await db.query<{ row: string }>(
      'select e::text as row from audit.events e where organization_id = $1',
      [a.organizationId],
    );
    for (const canary of a.canaries) expect(stored.map((r) => r.row).join('\n')).not.toContain(canary);
    // The invitation mail names the organization, the project and the invitee.
    for (const canary of organizationCanaries(a).filter((c) => !c.includes('apikeyname')))
      expect(mailboxBefore).toContain(canary);
    deletion = await deleteAndWait({ organizationId: a.organizationId }, a.adminToken);
  });

  it('leaves no canary of A in the database but in @retain fields, and B as it was', async () => {
    expect(deletion.status).toBe('COMPLETED');
    const after = await dumpDatabase(db, retained);
    for (const canary of organizationCanaries(a)) expect(after).not.toContain(canary);
    for (const canary of b.canaries) expect(occurrences(after, canary)).toBe(occurrences(before, canary));
    // The archive of A's export held the same data: it went with it.
    expect(existsSync(join(blobDir, 'exports', `${exportId}.tar`))).toBe(false);
  });

  it('leaves no canary of A in clear in any schema, audit events included (deletion records aside)', async () => {
    for (const canary of organizationCanaries(a))
      expect({ canary, tables: await clearCopies(canary) }).toEqual({ canary, tables: [] });
  });

  it('keeps A’s events in their order, their content erased, and every chain valid', async () => {
    // The deletion's first step destroys the organization's keys; again here is a no-op then.
    await keys.store.destroy({ kind: 'organization', id: a.organizationId });
    const chain = await verifyChainAsSuperuser(db, a.organizationId);
    expect(chain).toMatchObject({ valid: true, broken: null });
    expect(chain.events.map((e) => e.sequence)).toEqual(chain.events.map((_, i) => i + 1));
    expect(chain.events.map((e) => e.action)).toContain('tenancy.organization.created');
    const opened = await Promise.all(chain.events.map(keys.open));
    const created = opened[chain.events.findIndex((e) => e.action === 'tenancy.organization.created')]!;
    expect(created).toMatchObject({ erased: true, metadata: null });
    expect(JSON.stringify(opened)).not.toMatch(/orgname|projectname|invitee|apikeyname/);
    expect(await chainOf(b.organizationId, b.adminToken)).toMatchObject({ valid: true, brokenAt: null });
  });

  it('leaves no copy of A in any schema or mailed that the certificate does not list as kept', async () => {
    for (const canary of organizationCanaries(a))
      expect({ canary, tables: await unlistedCopies(deletion, canary) }).toEqual({ canary, tables: [] });
    const mailbox = dumpMailbox(stack.mailbox);
    for (const canary of organizationCanaries(a)) expect(mailbox).not.toContain(canary);
    for (const canary of b.canaries)
      expect(occurrences(mailbox, canary)).toBe(occurrences(mailboxBefore, canary));
  });

  it('keeps the audit log of A (retained for 12 months) and records the deletion without personal data', async () => {
    const { rows } = await db.query<{ action: string; metadata: Record<string, unknown> }>(
      `select action, metadata from audit.events where organization_id = $1 order by sequence`,
      [a.organizationId],
    );
    expect(rows.map((r) => r.action)).toContain('tenancy.organization.created');
    const completed = await waitFor(async () => {
      const { rows: events } = await db.query<{ metadata: Record<string, unknown>; actor_id: string }>(
        `select metadata, actor_id from audit.events where organization_id = $1 and action = 'lifecycle.deletion.completed'`,
        [a.organizationId],
      );
      return events[0];
    }, 'deletion event');
    expect(completed.actor_id).toBe('lifecycle');
    expect(JSON.stringify(completed.metadata)).not.toMatch(/canary/);
    expect(completed.metadata).toMatchObject({ subjectType: 'Organization', rows: expect.any(Number) });
  });

  it('stops A’s API keys at once', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.secrets[0]}` },
      body: JSON.stringify({ query: '{ organizations { id } }' }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('issues a certificate listing every subgraph and type with its strategy and count', async () => {
    const certificate = JSON.parse(deletion.certificate!.document) as {
      subject: unknown;
      request: { id: string; reason: string };
      requester: { type: string; id: string };
      subgraphs: { name: string; types: { type: string; strategy: string; count: number }[] }[];
      verification: { passed: boolean; remaining: number };
      backups: { retentionDays: number; dataExpiresFromBackupsBy: string };
      auditChainHeads: { organizationId: string; sequence: number; hash: string }[];
    };
    expect(certificate.subject).toEqual({ organizationId: a.organizationId });
    expect(certificate.request).toMatchObject({ id: deletion.id, reason: 'Customer asked' });
    expect(certificate.requester).toEqual({ type: 'USER', id: a.adminId });
    const counts = Object.fromEntries(
      certificate.subgraphs.flatMap((s) => s.types.map((t) => [`${s.name}.${t.type}`, t])),
    );
    expect(counts['tenancy.Organization']).toEqual({ type: 'Organization', strategy: 'ERASE', count: 1 });
    expect(counts['tenancy.Project']).toMatchObject({ strategy: 'ERASE', count: 1 });
    expect(counts['tenancy.Invitation']).toMatchObject({ strategy: 'ERASE', count: 1 });
    expect(counts['identity.ApiKey']).toMatchObject({ strategy: 'ERASE', count: 1 });
    expect(counts['lifecycle.DataExport']).toMatchObject({ strategy: 'ERASE', count: 1 });
    expect(counts['audit.AuditEvent']!.strategy).toBe('RETAIN');
    expect(counts['audit.AuditEvent']!.count).toBeGreaterThan(3);
    expect(certificate.verification).toEqual(expect.objectContaining({ passed: true, remaining: 0 }));
    expect(certificate.backups.retentionDays).toBe(7);
    expect(certificate.auditChainHeads).toEqual([
      expect.objectContaining({
        organizationId: a.organizationId,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    const verified = ok(
      await gql<{ verifyDestructionCertificate: { valid: boolean; keyId: string } }>(
        CERTIFICATE,
        { document: deletion.certificate!.document, signature: deletion.certificate!.signature },
        b.adminToken,
      ),
    ).verifyDestructionCertificate;
    expect(verified).toEqual({ valid: true, keyId: deletion.certificate!.keyId, reason: null });
  });

  it('is a no-op when run again', async () => {
    const after = await dumpDatabase(db, retained);
    for (const subgraph of ['identity', 'tenancy', 'audit', 'lifecycle'] as const) {
      // The same request answers its totals and touches nothing; a new one finds nothing to delete.
      const same = await destroyAgain(subgraph, deletion.id, { organizationId: a.organizationId });
      expect(same.done).toBe(true);
      const fresh = await destroyAgain(subgraph, crypto.randomUUID(), { organizationId: a.organizationId });
      for (const type of fresh.types.filter((t) => t.strategy !== 'RETAIN')) expect(type.count).toBe(0);
    }
    const again = await dumpDatabase(db, retained);
    // Only the progress rows of the reruns are new. Audit goes on receiving events meanwhile (the
    // deletion's own, through the outboxes, and the access events of the gateway's outbox), so
    // its chain heads move by themselves.
    const stable = (dump: string) =>
      // pg-boss's own bookkeeping (its maintenance times) moves by itself too.
      ['lifecycle_destructions', 'chain_heads', 'audit_outbox', 'access_outbox', 'version', 'warning'].reduce(
        withoutTables,
        dump,
      );
    expect(stable(again)).toBe(stable(after));
  });

  it('shows the deletion to its requester only, and keeps it after the organization is gone', async () => {
    const seen = ok(
      await gql<{ deletionRequest: DeletionView | null }>(
        DELETION_REQUEST,
        { id: deletion.id },
        a.adminToken,
      ),
    ).deletionRequest;
    expect(seen).toMatchObject({ id: deletion.id, status: 'COMPLETED' });
    const byOther = ok(
      await gql<{ deletionRequest: DeletionView | null }>(
        DELETION_REQUEST,
        { id: deletion.id },
        b.adminToken,
      ),
    ).deletionRequest;
    expect(byOther).toBeNull();
  });
});

describe('deleting one user of an organization that stays', () => {
  let member: { token: string; userId: string; email: string };
  let memberCanaries: string[];
  let before: string;
  let deletion: DeletionView;

  beforeAll(async () => {
    // The member's own canaries: email, display name and user agent (on sessions and attempts).
    const tag = `canarym${crypto.randomUUID().slice(0, 8)}`;
    const email = `${tag}-email@steward.test`;
    const userAgent = `Mozilla/5.0 ${tag}-useragent`;
    const failedSignIn = async () =>
      expect(
        codeOf(
          await gql(
            `mutation ($email: String!) { signInWithPassword(email: $email, password: "not the password") { token } }`,
            { email },
            undefined,
            userAgent,
          ),
        ),
      ).toBe('UNAUTHENTICATED');
    // A failed sign-in before the account exists: an attempt and an event with the address alone.
    await failedSignIn();
    const signedIn = ok(
      await gql<{ devSignIn: { token: string; user: { id: string } } }>(
        `mutation ($email: String!, $displayName: String) {
          devSignIn(email: $email, displayName: $displayName) { token user { id } }
        }`,
        { email, displayName: `${tag}-displayname` },
        undefined,
        `Mozilla/5.0 ${tag}-useragent`,
      ),
    ).devSignIn;
    member = { token: signedIn.token, userId: signedIn.user.id, email };
    // Invited twice: the first invitation, replaced, still holds the address.
    for (let i = 0; i < 2; i++) {
      ok(
        await stack.graphql(
          INVITE_MEMBER,
          { organizationId: b.organizationId, email, role: 'MEMBER' },
          b.adminToken,
        ),
      );
    }
    ok(await stack.graphql(ACCEPT_INVITATION, { token: mailedToken(stack, email) }, member.token));
    // …and after: its event has no actor, the user as target, the address in its details.
    await failedSignIn();
    ok(
      await gql(
        `mutation ($email: String!) { requestSignInCode(email: $email) }`,
        { email },
        undefined,
        userAgent,
      ),
    );
    memberCanaries = [email, `${tag}-displayname`, `${tag}-useragent`];
    await waitFor(async () => {
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from identity.audit_outbox where delivered_at is null`,
      );
      return rows[0]!.n === 0 || undefined;
    }, 'outbox delivered');
    before = await dumpDatabase(db, retained);
    // The display name is a SHRED field: in the database only sealed (crypto-shredding.test.ts).
    for (const canary of memberCanaries.filter((c) => !c.endsWith('-displayname')))
      expect(before).toContain(canary);
    expect(before).not.toContain(`${tag}-displayname`);
    expect(stack.mails(email).length).toBeGreaterThanOrEqual(2);
    expect(await dumpDatabase(db)).toMatch(new RegExp(`-- identity\\.audit_outbox\\n[^]*${tag}-email`));
    // Only the person deletes their account (issue 15); with no session left, they follow it with
    // the receipt the request gave them.
    const requested = ok(
      await gql<{ requestDeletion: DeletionView }>(
        REQUEST_DELETION,
        { subject: { userId: member.userId }, reason: 'Leaving' },
        member.token,
      ),
    ).requestDeletion;
    expect(requested.receipt).toBeTruthy();
    deletion = await waitForReceipt(stack, requested.receipt!);
  });

  it('leaves none of the user’s canaries but in @retain fields, and the organization as it was', async () => {
    expect(deletion.status).toBe('COMPLETED');
    const after = await dumpDatabase(db, retained);
    for (const canary of memberCanaries) expect(after).not.toContain(canary);
    // B's delivered outbox rows (copies of retained audit events) were cleared with the user's.
    const kept = (dump: string) => withoutTables(dump, 'audit_outbox');
    for (const canary of [...organizationCanaries(b), ...userCanaries(b)]) {
      expect(occurrences(kept(after), canary)).toBe(occurrences(kept(before), canary));
    }
  });

  it('leaves none of the user’s canaries in clear in any schema, audit events included', async () => {
    for (const canary of memberCanaries)
      expect({ canary, tables: await clearCopies(canary) }).toEqual({ canary, tables: [] });
  });

  it('shows B’s admin the user’s events erased, in their place, and B’s chain valid', async () => {
    await keys.store.destroy({ kind: 'person', id: member.userId });
    const content = await auditContentOf(stack, b.organizationId, b.adminToken);
    // What the user did and where from are gone; B's record of whom it invited (the address in its
    // invitations' details) is B's, sealed under B's and its admin's keys, and stays with B.
    for (const canary of memberCanaries.filter((c) => !c.includes('-email')))
      expect(content).not.toContain(canary);
    const events = JSON.parse(content) as {
      actor: { id: string | null; userAgent: string | null };
      erased: boolean;
    }[];
    const theirs = events.filter((e) => e.actor.id === member.userId);
    expect(theirs.length).toBeGreaterThan(0);
    for (const event of theirs) expect(event).toMatchObject({ erased: true, actor: { userAgent: null } });
    // B's own content stays readable.
    for (const canary of organizationCanaries(b)) expect(content).toContain(canary);
    expect(await chainOf(b.organizationId, b.adminToken)).toMatchObject({ valid: true, brokenAt: null });
  });

  it('leaves no copy of the user in any schema or mailed that the certificate does not list as kept', async () => {
    for (const canary of memberCanaries)
      expect({ canary, tables: await unlistedCopies(deletion, canary) }).toEqual({ canary, tables: [] });
    expect(stack.mails(member.email)).toEqual([]);
    const mailbox = dumpMailbox(stack.mailbox);
    for (const canary of memberCanaries) expect(mailbox).not.toContain(canary);
  });

  it('names the audit events it keeps, with their reason and expiry', async () => {
    const certificate = JSON.parse(deletion.certificate!.document) as CertifiedTypes;
    const events = certificate.subgraphs
      .find((s) => s.name === 'audit')
      ?.types.find((t) => t.type === 'AuditEvent');
    expect(events).toMatchObject({ strategy: 'RETAIN', count: expect.any(Number) });
    expect(events!.count).toBeGreaterThanOrEqual(3);
    expect(events!.retained).toContainEqual({
      reason: 'Audit log of access and administrative activity',
      keptFor: 'P1Y',
      expiresBy: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const attempts = certificate.subgraphs
      .find((s) => s.name === 'identity')!
      .types.find((t) => t.type === 'SignInAttempt')!;
    expect(attempts.retained?.[0]).toMatchObject({ keptFor: 'P1Y', expiresBy: expect.any(String) });
  });

  it('keeps the user’s sign-in attempts for statistics, pseudonymized', async () => {
    const { rows } = await db.query<{
      email: string;
      user_id: string | null;
      ip: string | null;
      user_agent: string | null;
    }>(`select email, user_id, ip, user_agent from identity.sign_in_attempts where email like 'anon\\_%'`);
    const certificate = JSON.parse(deletion.certificate!.document) as {
      subgraphs: { name: string; types: { type: string; strategy: string; count: number }[] }[];
    };
    const attempts = certificate.subgraphs
      .find((s) => s.name === 'identity')!
      .types.find((t) => t.type === 'SignInAttempt')!;
    expect(attempts.strategy).toBe('ANONYMIZE');
    expect(attempts.count).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeGreaterThanOrEqual(attempts.count);
    for (const row of rows) expect(row).toMatchObject({ user_id: null, ip: null, user_agent: null });
  });

  it('ends the user’s sessions at once', async () => {
    const me = await stack.graphql('{ me { id } }', {}, member.token);
    expect(codeOf(me)).toBe('UNAUTHENTICATED');
  });
});

describe('requesting a deletion', () => {
  // Issue 15 gave `{ organizationId, userId }` a meaning (the organization's data about a member).
  it('wants a well-formed subject and a reason', async () => {
    for (const [subject, reason] of [
      [{}, 'why'],
      [{ organizationId: 'nope', userId: b.adminId }, 'why'],
      [{ organizationId: 'nope' }, 'why'],
      [{ organizationId: b.organizationId }, '   '],
    ] as const) {
      const result = await gql(REQUEST_DELETION, { subject, reason }, b.adminToken);
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
    }
    const { rows } = await db.query(`select 1 from lifecycle.deletion_requests where organization_id = $1`, [
      b.organizationId,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('refuses another organization, a member and an anonymous caller', async () => {
    const member = await joinOrganization(stack, b.adminToken, {
      organizationId: b.organizationId,
      role: 'MEMBER',
    });
    const args = { subject: { organizationId: b.organizationId }, reason: 'no' };
    expect(codeOf(await gql(REQUEST_DELETION, args, a.adminToken))).toBe('NOT_FOUND');
    expect(codeOf(await gql(REQUEST_DELETION, args, member.token))).toBe('NOT_FOUND');
    expect(codeOf(await gql(REQUEST_DELETION, args))).toBe('UNAUTHENTICATED');
    expect(
      codeOf(await gql(REQUEST_DELETION, { ...args, subject: { userId: b.adminId } }, member.token)),
    ).toBe('NOT_FOUND');
  });
});
