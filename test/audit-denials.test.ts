import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { addMembership } from './support/tenancy-fixtures.ts';

let stack: TestStack;
let db: pg.Client;
beforeAll(async () => {
  stack = await startTestStack();
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const denialsOf = async (schema: string, actorId: string) =>
  (
    await db.query<{
      organization_id: string | null;
      event: { action: string; outcome: string; target: { id: string } };
    }>(
      `select organization_id, event from ${schema}.audit_outbox where event->'actor'->>'id' = $1 and event->>'action' like '%.permission.denied'`,
      [actorId],
    )
  ).rows;

describe('permission denials', () => {
  it('a FORBIDDEN mutation changes nothing and writes exactly one denial event, in the organization asked about', async () => {
    const admin = await stack.signIn(uniqueEmail('deny-admin'));
    const member = await stack.signIn(uniqueEmail('deny-member'));
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      'mutation { createOrganization(name: "Denials Co") { id } }',
      {},
      admin.token,
    );
    const organizationId = created.data!.createOrganization.id;
    await addMembership(db, organizationId, member.userId);
    const projects = async () =>
      Number(
        (await db.query('select count(*) from tenancy.projects where organization_id = $1', [organizationId]))
          .rows[0].count,
      );
    const before = await projects();

    const denied = await stack.graphql(
      'mutation($o: ID!) { createProject(organizationId: $o, name: "Sneaky") { id } }',
      { o: organizationId },
      member.token,
    );

    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await projects()).toBe(before);
    expect(await denialsOf('tenancy', member.userId)).toEqual([
      {
        organization_id: organizationId,
        event: expect.objectContaining({
          action: 'tenancy.permission.denied',
          outcome: 'DENIED',
          target: { type: 'Field', id: 'Mutation.createProject' },
        }),
      },
    ]);
  });

  it('a cross-tenant NOT_FOUND writes no denial event (it must not confirm that anything exists)', async () => {
    const user = await stack.signIn(uniqueEmail('deny-sessions'));
    const other = await stack.signIn(uniqueEmail('deny-other'));
    const result = await stack.graphql(
      /* GraphQL */ `
        mutation ($o: ID!, $u: ID!) {
          revokeUserSessions(organizationId: $o, userId: $u)
        }
      `,
      { o: '00000000-0000-0000-0000-000000000001', u: other.userId },
      user.token,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await denialsOf('identity', user.userId)).toEqual([]);
  });

  it('identity records its denials too (a MEMBER listing API keys)', async () => {
    const admin = await stack.signIn(uniqueEmail('deny-keys-admin'));
    const member = await stack.signIn(uniqueEmail('deny-keys-member'));
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      'mutation { createOrganization(name: "Keys Denied") { id } }',
      {},
      admin.token,
    );
    const organizationId = created.data!.createOrganization.id;
    await addMembership(db, organizationId, member.userId);

    const denied = await stack.graphql(
      'query($o: ID!) { apiKeys(organizationId: $o) { id } }',
      { o: organizationId },
      member.token,
    );

    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await denialsOf('identity', member.userId)).toEqual([
      {
        organization_id: organizationId,
        event: expect.objectContaining({
          action: 'identity.permission.denied',
          target: { type: 'Field', id: 'Query.apiKeys' },
        }),
      },
    ]);
  });
});
