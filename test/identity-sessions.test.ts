import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { startGatewayProcess, type GatewayProcess } from './support/gateway-process.ts';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { addMembership } from './support/tenancy-fixtures.ts';

let stack: TestStack;
let second: GatewayProcess;
let db: pg.Client;
beforeAll(async () => {
  stack = await startTestStack();
  second = await startGatewayProcess(
    Object.fromEntries(Object.values(stack.subgraphs).map((s) => [s.name, s.url])),
  );
  db = await adminClient();
});
afterAll(async () => {
  await second?.stop();
  await db?.end();
  await stack?.close();
});

const ME = /* GraphQL */ `
  query Me {
    me {
      id
      sessions {
        id
        current
        revokedAt
      }
    }
  }
`;

async function meAt(url: string, token: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: ME }),
  });
  return response.status;
}

async function organizationWithMember() {
  const admin = await stack.signIn(uniqueEmail('sessions-admin'));
  const member = await stack.signIn(uniqueEmail('sessions-member'));
  const created = await stack.graphql<{ createOrganization: { id: string } }>(
    'mutation { createOrganization(name: "Sessions Inc") { id } }',
    {},
    admin.token,
  );
  const organizationId = created.data!.createOrganization.id;
  await addMembership(db, organizationId, member.userId);
  return { admin, member, organizationId };
}

describe('ending sessions', () => {
  it('signOut: the same token fails on the very next request', async () => {
    const user = await stack.signIn(uniqueEmail('signout'));
    expect(await meAt(stack.url, user.token)).toBe(200);

    const result = await stack.graphql('mutation { signOut }', {}, user.token);

    expect(result.data).toEqual({ signOut: true });
    expect(await meAt(stack.url, user.token)).toBe(401);
  });

  it('revokeSession: ends another of my sessions; someone else’s is NOT_FOUND', async () => {
    const email = uniqueEmail('revoke');
    const laptop = await stack.signIn(email);
    const phone = await stack.signIn(email);
    const stranger = await stack.signIn(uniqueEmail('stranger'));
    const sessions = await stack.graphql<{ me: { sessions: { id: string; current: boolean }[] } }>(
      ME,
      {},
      laptop.token,
    );
    const phoneSession = sessions.data!.me.sessions.find((s) => !s.current)!;

    const denied = await stack.graphql(
      `mutation($id: ID!) { revokeSession(id: $id) { id } }`,
      { id: phoneSession.id },
      stranger.token,
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await meAt(stack.url, phone.token)).toBe(200);

    const revoked = await stack.graphql<{ revokeSession: { id: string; revokedAt: string } }>(
      `mutation($id: ID!) { revokeSession(id: $id) { id revokedAt } }`,
      { id: phoneSession.id },
      laptop.token,
    );
    expect(revoked.data?.revokeSession.revokedAt).toEqual(expect.any(String));
    expect(await meAt(stack.url, phone.token)).toBe(401);
    expect(await meAt(stack.url, laptop.token)).toBe(200);
  });

  it('revokeUserSessions: an admin ends a member’s sessions, seen by a second gateway process within 1 s', async () => {
    const { admin, member, organizationId } = await organizationWithMember();
    // Both gateways now hold the member's principal in their caches.
    expect(await meAt(stack.url, member.token)).toBe(200);
    expect(await meAt(second.url, member.token)).toBe(200);

    const result = await stack.graphql<{ revokeUserSessions: number }>(
      `mutation($o: ID!, $u: ID!) { revokeUserSessions(organizationId: $o, userId: $u) }`,
      { o: organizationId, u: member.userId },
      admin.token,
    );
    const revokedAt = Date.now();

    expect(result.data).toEqual({ revokeUserSessions: 1 });
    expect(await meAt(stack.url, member.token)).toBe(401);
    let status = await meAt(second.url, member.token);
    while (status !== 401 && Date.now() - revokedAt < 1000) status = await meAt(second.url, member.token);
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    expect(await meAt(stack.url, admin.token)).toBe(200);
  });

  it('revokeUserSessions: a MEMBER is FORBIDDEN, another organization’s admin and a non-member target NOT_FOUND', async () => {
    const { admin, member, organizationId } = await organizationWithMember();
    const outsider = await organizationWithMember();
    const revoke = (token: string, userId: string) =>
      stack.graphql(
        `mutation($o: ID!, $u: ID!) { revokeUserSessions(organizationId: $o, userId: $u) }`,
        { o: organizationId, u: userId },
        token,
      );

    expect((await revoke(member.token, admin.userId)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await revoke(outsider.admin.token, member.userId)).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await revoke(admin.token, outsider.member.userId)).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect(await meAt(stack.url, member.token)).toBe(200);
    expect(await meAt(stack.url, outsider.member.token)).toBe(200);
  });

  it('a new membership is in the principal on the next request, cache or not', async () => {
    const user = await stack.signIn(uniqueEmail('cache'));
    expect(await meAt(stack.url, user.token)).toBe(200);
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      'mutation { createOrganization(name: "Fresh Org") { id } }',
      {},
      user.token,
    );
    const organizationId = created.data!.createOrganization.id;

    const project = await stack.graphql(
      `mutation($o: ID!) { createProject(organizationId: $o, name: "First") { id } }`,
      { o: organizationId },
      user.token,
    );
    expect(project.errors).toBeUndefined();
  });
});

describe('production mode', () => {
  let production: TestStack;
  beforeAll(async () => {
    production = await startTestStack({ production: true });
  });
  afterAll(() => production?.close());

  it('refuses the development sign-in', async () => {
    const result = await production.graphql(
      `mutation { devSignIn(email: "${uniqueEmail('prod')}") { token } }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.data).toBeNull();
  });

  it('refuses introspection', async () => {
    const result = await production.graphql('{ __schema { types { name } } }');
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses two sign-in mutations in one operation before any subgraph runs them', async () => {
    const email = uniqueEmail('alias');
    const result = await production.graphql(
      `mutation { a: requestSignInCode(email: "${email}") b: requestSignInCode(email: "${email}") }`,
    );
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/at most once per operation/);
    expect(production.mails(email)).toEqual([]);
  });
});
