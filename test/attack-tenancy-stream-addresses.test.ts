import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { adminWithOrganization, eventsOf } from './support/audit-helpers.ts';

// An attacker with an organization of their own points its audit stream at the operator's network
// through IPv6 literals that carry an IPv4 address: IPv4-compatible (::10.0.0.1), IPv4-translated
// (::ffff:0:10.0.0.1), NAT64 (64:ff9b::10.0.0.1, which a NAT64 gateway forwards to 10.0.0.1) and
// 6to4 (2002:0a00:0001::). Each is refused as an internal address, with a code, and nothing is stored.

const CREATE = /* GraphQL */ `
  mutation Create($organizationId: ID!, $url: String!) {
    createAuditStream(organizationId: $organizationId, input: { url: $url }) {
      stream {
        id
      }
    }
  }
`;

let stack: TestStack;
let db: pg.Client;
let admin: Awaited<ReturnType<typeof adminWithOrganization>>;

beforeAll(async () => {
  stack = await startTestStack({ audit: { databaseAuditIntervalMs: 0 } });
  db = await adminClient();
  admin = await adminWithOrganization(stack, uniqueEmail('stream-ssrf'), 'Stream SSRF');
}, 120_000);
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

describe('audit stream URLs carrying an internal IPv4 address inside IPv6', () => {
  it.each([
    ['IPv4-compatible, metadata service', 'https://[::169.254.169.254]/latest/meta-data'],
    ['IPv4-compatible, private network', 'https://[::10.0.0.1]/hook'],
    ['IPv4-compatible, loopback', 'https://[::127.0.0.1]/hook'],
    ['IPv4-translated', 'https://[::ffff:0:10.0.0.1]/hook'],
    ['NAT64 well-known prefix', 'https://[64:ff9b::10.0.0.1]/hook'],
    ['NAT64 local-use prefix', 'https://[64:ff9b:1::a00:1]/hook'],
    ['6to4', 'https://[2002:a9fe:a9fe::1]/hook'],
    ['site-local', 'https://[fec0::1]/hook'],
  ])('%s: BAD_USER_INPUT, no stream', async (_label, url) => {
    const result = await stack.graphql(CREATE, { organizationId: admin.organizationId, url }, admin.token);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    const { rows } = await db.query(
      'select count(*)::int as n from audit.streams where organization_id = $1',
      [admin.organizationId],
    );
    expect(rows[0].n).toBe(0);
    expect(await eventsOf(db, admin.organizationId, 'audit.stream.')).toEqual([]);
  });

  it('still takes a public address written inside IPv6 (the control)', async () => {
    // 64:ff9b::8.8.8.8 is a public IPv4 host behind NAT64: refusing it would break IPv6-only deployments.
    const result = await stack.graphql(
      CREATE,
      { organizationId: admin.organizationId, url: 'https://[64:ff9b::808:808]/hook' },
      admin.token,
    );
    expect(result.errors).toBeUndefined();
  });
});
