import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type TestStack } from './support/stack.ts';
import { join, organization } from './support/tenancy-fixtures.ts';
import { enrolTotp } from './support/operator.ts';

// An organization requiring a second factor of everyone: its second admin, who has none, is
// refused every GraphQL operation naming it (the gateway's policy plugin), but
// - the audit log's HTTP export route (GET /audit/export) is no GraphQL operation, and streamed
//   them the whole log, IP addresses and browsers of every member included;
// - an audit stream changed by its id names no organization the gateway can see: they disabled or
//   deleted the organization's SIEM feed;
// - a project named by its id maps to its organization only through the caller's project roles,
//   and an ADMIN holds none (an admin is an editor of every project): they read the project, its
//   members' addresses and the organization through it, and changed its members' roles.
// Both apply the policy as GraphQL does, and change nothing.

const SET_POLICY = /* GraphQL */ `
  mutation SetPolicy($organizationId: ID!) {
    setSignInPolicy(organizationId: $organizationId, policy: { secondFactor: EVERYONE }) {
      secondFactor
    }
  }
`;

let stack: TestStack;
let org: Awaited<ReturnType<typeof organization>>;
let secondAdmin: Awaited<ReturnType<typeof join>>;
let streamId: string;

beforeAll(async () => {
  stack = await startTestStack();
  org = await organization(stack, 'policy-routes');
  secondAdmin = await join(stack, org.admin.token, { organizationId: org.organizationId, role: 'ADMIN' });
  await enrolTotp(stack, org.admin.token);
  const stream = await stack.graphql<{ createAuditStream: { stream: { id: string } } }>(
    'mutation Stream($o: ID!) { createAuditStream(organizationId: $o, input: { url: "http://127.0.0.1:9/siem" }) { stream { id } } }',
    { o: org.organizationId },
    org.admin.token,
  );
  expect(stream.errors).toBeUndefined();
  streamId = stream.data!.createAuditStream.stream.id;
  const set = await stack.graphql(SET_POLICY, { organizationId: org.organizationId }, org.admin.token);
  expect(set.errors).toBeUndefined();
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const exportOf = (token: string) =>
  fetch(
    `${stack.url.replace('/graphql', '/audit/export')}?${new URLSearchParams({
      organizationId: org.organizationId,
      format: 'jsonl',
    }).toString()}`,
    { headers: { authorization: `Bearer ${token}` } },
  );

describe("the audit log's export route under a sign-in policy", () => {
  it('streams the log to the admin who gave a second factor (the control)', async () => {
    const response = await exportOf(org.admin.token);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('tenancy.');
  });

  it('refuses the admin without one, as GraphQL does: 403, coded, with the step to take', async () => {
    const graphql = await stack.graphql(
      'query Log($o: ID!) { auditEvents(organizationId: $o, first: 1) { edges { cursor } } }',
      { o: org.organizationId },
      secondAdmin.token,
    );
    expect(graphql.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SECOND_FACTOR_REQUIRED',
    });

    const response = await exportOf(secondAdmin.token);
    const text = await response.text();
    expect(response.status).toBe(403);
    expect(JSON.parse(text)).toMatchObject({
      errors: [
        {
          extensions: {
            code: 'FORBIDDEN',
            reason: 'SECOND_FACTOR_REQUIRED',
            organizationId: org.organizationId,
          },
        },
      ],
    });
    expect(text).not.toContain('tenancy.');
  });
});

describe("the organization's audit stream, changed by its id, under a sign-in policy", () => {
  it.each([
    ['disabled', 'mutation Off($id: ID!) { updateAuditStream(id: $id, input: { enabled: false }) { id } }'],
    ['deleted', 'mutation Drop($id: ID!) { deleteAuditStream(id: $id) }'],
  ])('is not %s by the admin without a second factor', async (_label, mutation) => {
    const changed = await stack.graphql(mutation, { id: streamId }, secondAdmin.token);
    expect(changed.data ?? null).toBeNull();
    expect(changed.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SECOND_FACTOR_REQUIRED',
      organizationId: org.organizationId,
    });
    const streams = await stack.graphql<{ auditStreams: { id: string; enabled: boolean }[] }>(
      'query Streams($o: ID!) { auditStreams(organizationId: $o) { id enabled } }',
      { o: org.organizationId },
      org.admin.token,
    );
    expect(streams.data!.auditStreams).toEqual([{ id: streamId, enabled: true }]);
  });
});

describe("the organization's project, named by its id, under a sign-in policy", () => {
  const refusedOn = (result: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] }) => {
    expect(JSON.stringify(result.data ?? null)).not.toMatch(/policy-routes|@steward/);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SECOND_FACTOR_REQUIRED',
    });
  };

  it('is not read by the admin without a second factor, nor the organization through it', async () => {
    refusedOn(
      await stack.graphql(
        'query P($id: ID!) { project(id: $id) { name members { user { email } } organization { name members { user { email } } } } }',
        { id: org.projectId },
        secondAdmin.token,
      ),
    );
  });

  it('shows them, through `me`, where they belong but not its members or projects', async () => {
    const me = await stack.graphql<{ me: { memberships: { organization: { name: string } }[] } }>(
      'query Mine { me { memberships { organization { name } } } }',
      {},
      secondAdmin.token,
    );
    expect(me.errors).toBeUndefined();
    expect(me.data!.me.memberships).toEqual([{ organization: { name: 'Tenancy policy-routes' } }]);
    refusedOn(
      await stack.graphql(
        'query Through { me { memberships(first: 1) { organization { members(first: 5) { user { email } } projects(first: 5) { name } } } } }',
        {},
        secondAdmin.token,
      ),
    );
  });

  it("does not have its members' roles changed by them", async () => {
    refusedOn(
      await stack.graphql(
        'mutation R($p: ID!, $u: ID!) { setProjectRole(projectId: $p, userId: $u, role: EDITOR) { role } }',
        { p: org.projectId, u: secondAdmin.userId },
        secondAdmin.token,
      ),
    );
    const { data } = await stack.graphql<{ project: { members: { userId: string }[] } }>(
      'query M($id: ID!) { project(id: $id) { members { userId } } }',
      { id: org.projectId },
      org.admin.token,
    );
    expect(data!.project.members.map((m) => m.userId)).not.toContain(secondAdmin.userId);
  });
});
