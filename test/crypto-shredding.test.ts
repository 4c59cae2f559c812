import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { addMembership, codeOf } from './support/tenancy-fixtures.ts';
import { dumpDatabase, occurrences } from './support/database-dump.ts';
import {
  REQUEST_DELETION,
  waitForDeletion,
  waitForReceipt,
  type DeletionView,
} from './support/deletion-fixtures.ts';
import { ok } from './support/lifecycle-fixtures.ts';
import { testEnvironment } from './support/test-env.ts';
import { sealBackfill } from '../scripts/lib/seal-backfill.ts';
import { keyEncryptionKeyFromEnv } from '../platform/crypto/key-encryption-key.ts';

// Crypto-shredding end to end, through the gateway: the SHRED fields (an organization's and a
// project's name, a person's display name) are stored sealed under their subject's data key,
// read back in clear by those allowed, fail loudly when tampered with, and become unreadable
// everywhere when a deletion destroys the key first.

let stack: TestStack;
let db: pg.Client;
const logLines: string[] = [];

const ORGANIZATION = `query ($id: ID!) { organization(id: $id) { id name projects { id name } } }`;
const CREATE_ORGANIZATION = `mutation ($name: String!) { createOrganization(name: $name) { id name } }`;
const CREATE_PROJECT = `mutation ($id: ID!, $name: String!) { createProject(organizationId: $id, name: $name) { id name } }`;

async function signInWithName(email: string, displayName: string) {
  const result = ok(
    await stack.graphql<{ devSignIn: { token: string; user: { id: string; displayName: string | null } } }>(
      `mutation ($email: String!, $displayName: String) {
        devSignIn(email: $email, displayName: $displayName) { token user { id displayName } }
      }`,
      { email, displayName },
    ),
  );
  return {
    token: result.devSignIn.token,
    userId: result.devSignIn.user.id,
    shown: result.devSignIn.user.displayName,
  };
}

async function organizationWithProjects(token: string, tag: string, projects: string[]) {
  const organization = ok(
    await stack.graphql<{ createOrganization: { id: string; name: string } }>(
      CREATE_ORGANIZATION,
      { name: `${tag}-orgname` },
      token,
    ),
  ).createOrganization;
  for (const project of projects) {
    ok(await stack.graphql(CREATE_PROJECT, { id: organization.id, name: `${tag}-${project}` }, token));
  }
  return organization;
}

const storedName = async (table: string, id: string, column = 'name') =>
  (await db.query(`select ${column} as value from ${table} where id = $1`, [id])).rows[0]?.value as string;

beforeAll(async () => {
  db = await adminClient();
  stack = await startTestStack({
    logLines,
    lifecycle: { deletionGracePeriod: 'PT0S', jobPollMs: 200 },
  });
});
afterAll(async () => {
  await stack?.close();
  await db?.end();
});

describe('SHRED fields through the gateway', () => {
  it('are stored sealed, read back in clear, listed in the order of their names', async () => {
    const tag = `canary${randomUUID().slice(0, 8)}`;
    const admin = await signInWithName(uniqueEmail('shred'), `${tag}-displayname`);
    expect(admin.shown).toBe(`${tag}-displayname`);
    const organization = await organizationWithProjects(admin.token, tag, ['zeta', 'alpha']);
    expect(organization.name).toBe(`${tag}-orgname`);

    const read = ok(
      await stack.graphql<{ organization: { name: string; projects: { id: string; name: string }[] } }>(
        ORGANIZATION,
        { id: organization.id },
        admin.token,
      ),
    ).organization;
    expect(read.name).toBe(`${tag}-orgname`);
    expect(read.projects.map((p) => p.name)).toEqual([`${tag}-alpha`, `${tag}-zeta`]);
    const me = ok(
      await stack.graphql<{ me: { displayName: string } }>('{ me { displayName } }', {}, admin.token),
    );
    expect(me.me.displayName).toBe(`${tag}-displayname`);

    // In the database: sealed values naming their key, and no plaintext in any tenancy or identity table.
    const { rows: keys } = await db.query(
      'select id, subject_kind from subject_keys.data_keys where subject_id = any($1::uuid[]) order by subject_kind',
      [[organization.id, admin.userId]],
    );
    expect(keys.map((k) => k.subject_kind)).toEqual(['organization', 'person']);
    expect(await storedName('tenancy.organizations', organization.id)).toMatch(
      new RegExp(`^${keys[0].id}/v1\\.`),
    );
    expect(await storedName('identity.users', admin.userId, 'display_name')).toMatch(
      new RegExp(`^${keys[1].id}/v1\\.`),
    );
    const dump = await dumpDatabase(db);
    // Tenancy's and identity's own tables hold none; the audit log's copies are its own (its content encryption).
    const ownTables = dump
      .split('\n-- ')
      .filter(
        (part) =>
          /^(tenancy|identity|subject_keys)\./.test(part) && !/audit_outbox/.test(part.split('\n', 1)[0]!),
      )
      .join('\n');
    for (const canary of ['orgname', 'alpha', 'zeta', 'displayname']) {
      expect(occurrences(ownTables, `${tag}-${canary}`)).toBe(0);
    }
  });

  it('a member reads the names; another organization’s admin gets nothing, and 40 tries of theirs change nothing', async () => {
    const tag = `canary${randomUUID().slice(0, 8)}`;
    const admin = await stack.signIn(uniqueEmail('shred-admin'));
    const organization = await organizationWithProjects(admin.token, tag, ['one']);
    const member = await stack.signIn(uniqueEmail('shred-member'));
    await addMembership(db, organization.id, member.userId);
    const seen = ok(
      await stack.graphql<{ organization: { name: string } }>(
        ORGANIZATION,
        { id: organization.id },
        member.token,
      ),
    );
    expect(seen.organization.name).toBe(`${tag}-orgname`);

    const attacker = await stack.signIn(uniqueEmail('shred-attacker'));
    await organizationWithProjects(attacker.token, `${tag}x`, []);
    const before = await storedName('tenancy.organizations', organization.id);
    const tries = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? stack.graphql(CREATE_PROJECT, { id: organization.id, name: 'stolen' }, attacker.token)
          : stack.graphql(ORGANIZATION, { id: organization.id }, attacker.token),
      ),
    );
    for (const [i, result] of tries.entries()) {
      if (i % 2) expect(codeOf(result)).toBe('NOT_FOUND');
      else expect(result.data).toEqual({ organization: null });
    }
    expect(await storedName('tenancy.organizations', organization.id)).toBe(before);
    const projects = await db.query(
      'select count(*)::int as n from tenancy.projects where organization_id = $1',
      [organization.id],
    );
    expect(projects.rows[0].n).toBe(1);
  });

  it('refuses bad input before sealing anything', async () => {
    const admin = await stack.signIn(uniqueEmail('shred-bad'));
    // Organizations' keys only: people's keys are made as their audit content is sealed, in the
    // background, whenever a relay delivers.
    const organizationKeys = async () =>
      (
        await db.query(
          `select count(*)::int as n from subject_keys.data_keys where subject_kind = 'organization'`,
        )
      ).rows[0].n as number;
    const keysBefore = await organizationKeys();
    const result = await stack.graphql(CREATE_ORGANIZATION, { name: '' }, admin.token);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    const unknownId = randomUUID();
    const unknown = await stack.graphql(CREATE_PROJECT, { id: unknownId, name: 'x' }, admin.token);
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(await organizationKeys()).toBe(keysBefore);
    const forUnknown = await db.query('select 1 from subject_keys.data_keys where subject_id = $1', [
      unknownId,
    ]);
    expect(forUnknown.rows).toEqual([]);
  });

  it('an organization from before sealing reads as it is; 40 projects created at once make one key', async () => {
    const admin = await stack.signIn(uniqueEmail('shred-legacy'));
    const id = randomUUID();
    await db.query(
      `insert into tenancy.organizations (id, name, region, status, created_at) values ($1, 'Legacy plain', 'eu', 'ACTIVE', now())`,
      [id],
    );
    await addMembership(db, id, admin.userId, 'ADMIN');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        stack.graphql(CREATE_PROJECT, { id, name: `legacy-${i}` }, admin.token),
      ),
    );
    expect(results.map((r) => r.errors)).toEqual(Array(40).fill(undefined));
    const keys = await db.query('select id from subject_keys.data_keys where subject_id = $1', [id]);
    expect(keys.rowCount).toBe(1);
    const read = ok(
      await stack.graphql<{ organization: { name: string; projects: { name: string }[] } }>(
        ORGANIZATION,
        { id },
        admin.token,
      ),
    ).organization;
    expect(read.name).toBe('Legacy plain');
    expect(read.projects).toHaveLength(40);
    expect(new Set(read.projects.map((p) => p.name)).size).toBe(40);

    // npm run seal-backfill seals it in place, under the key its projects already use; it reads the same.
    const env = testEnvironment();
    const sealed = await sealBackfill(env.databaseUrl, env.dbSecret, keyEncryptionKeyFromEnv({}));
    expect(sealed['tenancy.organizations.name']).toBeGreaterThanOrEqual(1);
    expect(await storedName('tenancy.organizations', id)).toMatch(new RegExp(`^${keys.rows[0].id}/v1\\.`));
    const again = ok(
      await stack.graphql<{ organization: { name: string } }>(ORGANIZATION, { id }, admin.token),
    ).organization;
    expect(again.name).toBe('Legacy plain');
    expect(await sealBackfill(env.databaseUrl, env.dbSecret, keyEncryptionKeyFromEnv({}))).toEqual({
      'tenancy.organizations.name': 0,
      'tenancy.projects.name': 0,
      'identity.users.display_name': 0,
    });
  });
});

describe('a sealed value that does not authenticate', () => {
  it('fails with INTERNAL_SERVER_ERROR / DATA_INTEGRITY, a log line and a metric, never garbage', async () => {
    const admin = await stack.signIn(uniqueEmail('shred-tamper'));
    const organization = await organizationWithProjects(admin.token, `tamper${randomUUID().slice(0, 8)}`, [
      'a',
      'b',
    ]);
    const { rows: projects } = await db.query<{ id: string; name: string }>(
      'select id, name from tenancy.projects where organization_id = $1 order by id',
      [organization.id],
    );
    // One bit of the ciphertext flipped.
    const sealed = projects[0]!.name;
    const flipped = sealed.slice(0, -3) + (sealed.at(-3) === 'A' ? 'B' : 'A') + sealed.slice(-2);
    // Stored as `stored`, the project's name reads as a coded error, never as some text.
    const readWith = async (stored: string) => {
      await db.query('update tenancy.projects set name = $2 where id = $1', [projects[0]!.id, stored]);
      const result = await stack.graphql(
        `query ($id: ID!) { project(id: $id) { name } }`,
        { id: projects[0]!.id },
        admin.token,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
        reason: 'DATA_INTEGRITY',
      });
      expect(result.data).toEqual({ project: null });
    };
    await readWith(flipped);
    // Another row's ciphertext, intact but moved: bound to its own row, it does not open here.
    await readWith(projects[1]!.name);

    const logged = logLines.filter((line) => line.includes('a sealed value failed its integrity check'));
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged.join('')).toContain(`tenancy.projects/${projects[0]!.id}/name`);
    const metrics = await (await fetch(new URL('/metrics', stack.subgraphs.tenancy!.url))).text();
    expect(metrics).toMatch(
      /steward_sealed_content_failures_total\{reason="unauthentic",service="tenancy"\} [1-9]/,
    );
  });
});

describe('deletion destroys the subject’s keys first', () => {
  async function deleteAndWait(subject: Record<string, string>, token: string): Promise<DeletionView> {
    const requested = ok(
      await stack.graphql<{ requestDeletion: DeletionView }>(
        REQUEST_DELETION,
        { subject, reason: 'Asked' },
        token,
      ),
    ).requestDeletion;
    return waitForDeletion(stack, requested.id, token);
  }

  it('an organization: its key is gone, the certificate names it, and its sealed copies are unreadable', async () => {
    const tag = `canary${randomUUID().slice(0, 8)}`;
    const admin = await stack.signIn(uniqueEmail('shred-delete'));
    const organization = await organizationWithProjects(admin.token, tag, ['kept-copy']);
    const { rows: keys } = await db.query('select id from subject_keys.data_keys where subject_id = $1', [
      organization.id,
    ]);
    // A backup's copy of the project row, taken before the deletion.
    const { rows: copy } = await db.query(
      'select id, name from tenancy.projects where organization_id = $1',
      [organization.id],
    );

    const deletion = await deleteAndWait({ organizationId: organization.id }, admin.token);
    expect(deletion.status).toBe('COMPLETED');
    const certificate = JSON.parse(deletion.certificate!.document) as {
      keys: {
        destroyed: { id: string; subject: { kind: string; id: string }; destroyedAt: string }[];
        statement: string;
      };
      backups: { dataExpiresFromBackupsBy: string };
    };
    expect(certificate.keys.destroyed).toEqual([
      {
        id: keys[0].id,
        subject: { kind: 'organization', id: organization.id },
        createdAt: expect.any(String),
        destroyedAt: expect.any(String),
      },
    ]);
    expect(certificate.keys.statement).toMatch(/backups and in retained audit events, is unreadable/);
    expect(certificate.backups.dataExpiresFromBackupsBy).toEqual(expect.any(String));
    const verified = ok(
      await stack.graphql<{ verifyDestructionCertificate: { valid: boolean } }>(
        `query ($d: String!, $s: String!) { verifyDestructionCertificate(document: $d, signature: $s) { valid } }`,
        { d: deletion.certificate!.document, s: deletion.certificate!.signature },
        (await stack.signIn(uniqueEmail('shred-verifier'))).token,
      ),
    );
    expect(verified.verifyDestructionCertificate.valid).toBe(true);

    expect(
      (await db.query('select 1 from subject_keys.data_keys where subject_id = $1', [organization.id]))
        .rowCount,
    ).toBe(0);
    // The backup's copy no longer opens: its key id names no key.
    expect(copy[0].name).toMatch(new RegExp(`^${keys[0].id}/`));
    expect(
      (await db.query('select 1 from subject_keys.data_keys where id = $1', [keys[0].id])).rowCount,
    ).toBe(0);
    const dump = await dumpDatabase(db);
    expect(
      occurrences(
        dump
          .split('\n-- ')
          .filter((p) => /^(tenancy|identity|subject_keys)\./.test(p))
          .join('\n'),
        tag,
      ),
    ).toBe(0);
  });

  it('a person: their key is destroyed with their account', async () => {
    const tag = `canary${randomUUID().slice(0, 8)}`;
    const person = await signInWithName(uniqueEmail('shred-person'), `${tag}-displayname`);
    const { rows: keys } = await db.query(`select id from subject_keys.data_keys where subject_id = $1`, [
      person.userId,
    ]);
    expect(keys).toHaveLength(1);
    // The person's own sessions end with their account: they follow it with the receipt.
    const requested = ok(
      await stack.graphql<{ requestDeletion: DeletionView }>(
        REQUEST_DELETION,
        { subject: { userId: person.userId }, reason: 'Leaving' },
        person.token,
      ),
    ).requestDeletion;
    const deletion = await waitForReceipt(stack, requested.receipt!);
    expect(deletion.status).toBe('COMPLETED');
    const certificate = JSON.parse(deletion.certificate!.document) as {
      keys: { destroyed: { id: string }[] };
    };
    expect(certificate.keys.destroyed.map((k) => k.id)).toEqual([keys[0].id]);
    expect(
      (await db.query('select 1 from subject_keys.data_keys where subject_id = $1', [person.userId]))
        .rowCount,
    ).toBe(0);
    expect(
      (await db.query('select 1 from subject_keys.destroyed_subjects where subject_id = $1', [person.userId]))
        .rowCount,
    ).toBe(1);
  });
});
