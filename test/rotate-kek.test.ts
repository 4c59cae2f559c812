import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, createIsolatedDatabase, startTestStack, uniqueEmail } from './support/stack.ts';
import type { TestStack } from './support/stack.ts';
import { ok } from './support/lifecycle-fixtures.ts';
import {
  keyEncryptionKeyRing,
  localKeyEncryptionKey,
  type KeyEncryptionKey,
} from '../platform/crypto/key-encryption-key.ts';
import { rotateKeyEncryptionKey } from '../scripts/lib/rotate-kek.ts';

// Rotating the key-encryption key: the data keys and SSO client secrets are re-wrapped, the data
// itself is not touched; afterwards only the new key is configured and everything reads. Its own
// database: a rotation re-wraps every key of the database it runs on.

const oldKek = localKeyEncryptionKey(randomBytes(32).toString('base64'));
const newKek = localKeyEncryptionKey(randomBytes(32).toString('base64'));
let databaseUrl: string;
let db: pg.Client;

const stackWith = (keyEncryptionKey: KeyEncryptionKey) => startTestStack({ databaseUrl, keyEncryptionKey });

async function createOrganization(stack: TestStack, token: string, name: string) {
  return ok(
    await stack.graphql<{ createOrganization: { id: string } }>(
      `mutation ($name: String!) { createOrganization(name: $name) { id } }`,
      { name },
      token,
    ),
  ).createOrganization.id;
}
const nameOf = (stack: TestStack, token: string, id: string) =>
  stack.graphql<{ organization: { name: string } | null }>(
    `query ($id: ID!) { organization(id: $id) { name } }`,
    { id },
    token,
  );

beforeAll(async () => {
  databaseUrl = await createIsolatedDatabase();
  db = await adminClient(databaseUrl);
});
afterAll(() => db?.end());

describe('npm run rotate-kek', () => {
  it('re-wraps every data key and SSO secret without re-encrypting data; the old key can then go', async () => {
    const email = uniqueEmail('rotate');
    // Before: everything under the old key.
    let stack = await stackWith(oldKek);
    const admin = await stack.signIn(email);
    const before = await createOrganization(stack, admin.token, 'Written before the rotation');
    ok(
      await stack.graphql(
        `mutation ($id: ID!) { setOrganizationSso(organizationId: $id, issuer: "https://idp.example.com", clientId: "c", clientSecret: "s3cret") { organizationId } }`,
        { id: before },
        admin.token,
      ),
    );
    await stack.close();
    const sealedBefore = (await db.query('select name from tenancy.organizations where id = $1', [before]))
      .rows[0].name as string;

    // During: the new key configured, the old one retired but still read.
    stack = await stackWith(keyEncryptionKeyRing(newKek, [oldKek]));
    const token = (await stack.signIn(email)).token;
    const during = await createOrganization(stack, token, 'Written during the rotation');
    expect(ok(await nameOf(stack, token, before)).organization?.name).toBe('Written before the rotation');
    await stack.close();

    // The keys wrapped under the old key: the first organization's, and the people's whose audit
    // content was sealed before the rotation; the second organization's is under the new key already.
    const { rows: underOld } = await db.query<{ n: number }>(
      `select count(*)::int as n from subject_keys.data_keys where wrapped_key like $1`,
      [`${oldKek.id}/%`],
    );
    expect(underOld[0]!.n).toBeGreaterThanOrEqual(1);
    const rotation = await rotateKeyEncryptionKey(databaseUrl, keyEncryptionKeyRing(newKek, [oldKek]));
    expect(rotation).toEqual({
      toKeyId: newKek.id,
      fromKeyIds: [oldKek.id],
      dataKeys: underOld[0]!.n,
      ssoClientSecrets: 1,
    });
    const { rows: wrapped } = await db.query<{ wrapped_key: string }>(
      'select wrapped_key from subject_keys.data_keys',
    );
    expect(wrapped.every((row) => row.wrapped_key.startsWith(`${newKek.id}/`))).toBe(true);
    const sso = await db.query(
      'select client_secret_sealed from identity.organization_sso where organization_id = $1',
      [before],
    );
    expect(sso.rows[0].client_secret_sealed.startsWith(`${newKek.id}/`)).toBe(true);
    // The content itself was not re-encrypted.
    expect(
      (await db.query('select name from tenancy.organizations where id = $1', [before])).rows[0].name,
    ).toBe(sealedBefore);
    // Audited in the system chain, key ids and counts only.
    const { rows: events } = await db.query(
      `select source, action, metadata from audit.system_events where action = 'keys.kek.rotated'`,
    );
    expect(events).toEqual([{ source: 'OPERATOR', action: 'keys.kek.rotated', metadata: rotation }]);
    // A second run finds nothing left to re-wrap.
    expect(await rotateKeyEncryptionKey(databaseUrl, newKek)).toMatchObject({
      dataKeys: 0,
      ssoClientSecrets: 0,
    });

    // After: only the new key configured; everything reads, and new data too.
    stack = await stackWith(newKek);
    try {
      const after = await createOrganization(stack, token, 'Written after the rotation');
      for (const [id, name] of [
        [before, 'Written before the rotation'],
        [during, 'Written during the rotation'],
        [after, 'Written after the rotation'],
      ] as const) {
        expect(ok(await nameOf(stack, token, id)).organization?.name).toBe(name);
      }
    } finally {
      await stack.close();
    }

    // The old key alone no longer opens anything: it can be destroyed.
    stack = await stackWith(oldKek);
    try {
      const refused = await nameOf(stack, token, before);
      expect(refused.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await stack.close();
    }
  });

  it('refuses to rotate when a wrapped value opens under none of the configured keys, and changes nothing', async () => {
    const stranger = localKeyEncryptionKey(randomBytes(32).toString('base64'));
    const { rows: beforeRows } = await db.query(
      'select id, wrapped_key from subject_keys.data_keys order by id',
    );
    await expect(rotateKeyEncryptionKey(databaseUrl, stranger)).rejects.toThrow();
    const { rows: afterRows } = await db.query(
      'select id, wrapped_key from subject_keys.data_keys order by id',
    );
    expect(afterRows).toEqual(beforeRows);
    const { rows } = await db.query(
      `select count(*)::int as n from audit.system_events where action = 'keys.kek.rotated'`,
    );
    // The two runs of the test before, none of this one.
    expect(rows[0].n).toBe(2);
  });
});
