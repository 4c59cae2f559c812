import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Secret, TOTP } from 'otpauth';
import { startTestStack, type GraphQLResult, type TestStack } from './support/stack.ts';
import { movableClock } from './support/sign-in.ts';
import { join, organization } from './support/tenancy-fixtures.ts';

// An organization requiring a second factor of everyone, attacked by its members who have none:
// they must reach none of its data by an operation the gateway's reading of it might miss (a
// named fragment, a field nested under `me`) nor by a route outside GraphQL (the audit log download).
const clock = movableClock();
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ identity: { now: clock.now } });
});
afterAll(async () => {
  await stack?.close();
});

const START = /* GraphQL */ `
  mutation Start {
    startTotpEnrolment {
      secret
    }
  }
`;
const CONFIRM = /* GraphQL */ `
  mutation Confirm($code: String!) {
    confirmTotpEnrolment(code: $code) {
      codes
    }
  }
`;
const SET_POLICY = /* GraphQL */ `
  mutation SetPolicy($organizationId: ID!) {
    setSignInPolicy(organizationId: $organizationId, policy: { secondFactor: EVERYONE }) {
      secondFactor
    }
  }
`;
const BY_NAMED_FRAGMENT = /* GraphQL */ `
  query ByNamedFragment($id: ID!) {
    ...Organization
  }
  fragment Organization on Query {
    ... on Query {
      organization(id: $id) {
        id
        name
      }
    }
  }
`;
const KEYS_BY_NAMED_FRAGMENT = /* GraphQL */ `
  query KeysByNamedFragment($organizationId: ID!) {
    ...Keys
  }
  fragment Keys on Query {
    apiKeys(organizationId: $organizationId) {
      id
      name
    }
  }
`;
const THROUGH_ME = /* GraphQL */ `
  query ThroughMe {
    me {
      memberships(first: 5) {
        organizationId
        organization {
          id
          name
          projects(first: 5) {
            id
            name
          }
        }
      }
    }
  }
`;

const CREATE_KEY = /* GraphQL */ `
  mutation CreateKey($organizationId: ID!) {
    createApiKey(organizationId: $organizationId, name: "partner", scopes: ["projects:read"]) {
      apiKey {
        id
      }
    }
  }
`;
const REVOKE_KEY = /* GraphQL */ `
  mutation RevokeKey($id: ID!) {
    revokeApiKey(id: $id) {
      revokedAt
    }
  }
`;
const KEYS = /* GraphQL */ `
  query Keys($organizationId: ID!) {
    apiKeys(organizationId: $organizationId) {
      id
      revokedAt
    }
  }
`;

const codeAt = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock.now().getTime() });
const extensionsOf = (result: GraphQLResult<unknown>) => result.errors?.[0]?.extensions;

/** An organization requiring a second factor of everyone; its admin enrolled, a MEMBER and a second ADMIN not. */
async function guardedOrganization(label: string) {
  const a = await organization(stack, label);
  const member = await join(
    stack,
    a.admin.token,
    { organizationId: a.organizationId, role: 'MEMBER' },
    `${label}-m`,
  );
  const admin = await join(
    stack,
    a.admin.token,
    { organizationId: a.organizationId, role: 'ADMIN' },
    `${label}-a`,
  );
  const started = await stack.graphql<{ startTotpEnrolment: { secret: string } }>(START, {}, a.admin.token);
  const confirmed = await stack.graphql(
    CONFIRM,
    { code: codeAt(started.data!.startTotpEnrolment.secret) },
    a.admin.token,
  );
  expect(confirmed.errors).toBeUndefined();
  clock.advance(30_000);
  const set = await stack.graphql(SET_POLICY, { organizationId: a.organizationId }, a.admin.token);
  expect(set.errors).toBeUndefined();
  return { ...a, member, unenrolledAdmin: admin, name: `Tenancy ${label}` };
}

describe('a member without the required second factor', () => {
  it('is refused with the reason when the organization is named inside a named fragment', async () => {
    const a = await guardedOrganization('policy-fragment');
    const refused = await stack.graphql(BY_NAMED_FRAGMENT, { id: a.organizationId }, a.member.token);
    expect(refused.data ?? null).toBeNull();
    expect(extensionsOf(refused)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SECOND_FACTOR_REQUIRED',
      organizationId: a.organizationId,
    });
    const keys = await stack.graphql(
      KEYS_BY_NAMED_FRAGMENT,
      { organizationId: a.organizationId },
      a.unenrolledAdmin.token,
    );
    expect(keys.data ?? null).toBeNull();
    expect(extensionsOf(keys)).toMatchObject({ code: 'FORBIDDEN', reason: 'SECOND_FACTOR_REQUIRED' });
    // The enrolled admin reads it the same way.
    const admitted = await stack.graphql(BY_NAMED_FRAGMENT, { id: a.organizationId }, a.admin.token);
    expect(admitted.data).toEqual({ organization: { id: a.organizationId, name: a.name } });
  });

  it('reads none of its data through their own memberships', async () => {
    const a = await guardedOrganization('policy-nested');
    const result = await stack.graphql<{
      me: { memberships: { organizationId: string; organization: unknown }[] } | null;
    }>(THROUGH_ME, {}, a.member.token);
    // The organization's id and name are listed (where to enrol); its projects are refused, coded.
    expect(JSON.stringify(result)).not.toContain(a.projectId);
    expect(result.errors?.length).toBeGreaterThan(0);
    for (const error of result.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SECOND_FACTOR_REQUIRED' });
      expect(error.message).not.toMatch(/\bat\b.*\.ts|stack|SQL/i);
    }
    // The enrolled admin reads the organization through theirs.
    const admitted = await stack.graphql(THROUGH_ME, {}, a.admin.token);
    expect(JSON.stringify(admitted.data)).toContain(a.name);
  });

  it('changes none of its data by an id that names no organization', async () => {
    const a = await guardedOrganization('policy-by-id');
    const created = await stack.graphql<{ createApiKey: { apiKey: { id: string } } }>(
      CREATE_KEY,
      { organizationId: a.organizationId },
      a.admin.token,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createApiKey.apiKey.id;
    const refused = await stack.graphql(REVOKE_KEY, { id }, a.unenrolledAdmin.token);
    expect(refused.data ?? null).toBeNull();
    // Found by its id, the key's organization is known only to identity, which applies the policy.
    expect(extensionsOf(refused)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SECOND_FACTOR_REQUIRED',
      organizationId: a.organizationId,
    });
    const keys = await stack.graphql(KEYS, { organizationId: a.organizationId }, a.admin.token);
    expect(keys.data).toEqual({ apiKeys: [{ id, revokedAt: null }] });
  });

  it("reads none of the organization's exports by their id", async () => {
    const a = await guardedOrganization('policy-export-by-id');
    const requested = await stack.graphql<{ requestDataExport: { id: string } }>(
      'mutation ($o: ID!) { requestDataExport(subject: { organizationId: $o }) { id } }',
      { o: a.organizationId },
      a.admin.token,
    );
    expect(requested.errors).toBeUndefined();
    const id = requested.data!.requestDataExport.id;
    const READ = 'query ($id: ID!) { dataExport(id: $id) { id status downloadUrl } }';
    const refused = await stack.graphql(READ, { id }, a.unenrolledAdmin.token);
    expect(refused.data?.dataExport ?? null).toBeNull();
    expect(extensionsOf(refused)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SECOND_FACTOR_REQUIRED',
      organizationId: a.organizationId,
    });
    const admitted = await stack.graphql<{ dataExport: { id: string } }>(READ, { id }, a.admin.token);
    expect(admitted.data?.dataExport.id).toBe(id);
  });

  it('downloads none of its audit log', async () => {
    const a = await guardedOrganization('policy-audit-download');
    const url = `${stack.url.replace('/graphql', '/audit/export')}?organizationId=${a.organizationId}&format=csv`;
    const refused = await fetch(url, { headers: { authorization: `Bearer ${a.unenrolledAdmin.token}` } });
    const body = await refused.text();
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(body).not.toContain('tenancy.');
    expect(JSON.parse(body)).toMatchObject({ errors: [{ extensions: { code: expect.any(String) } }] });
    const admitted = await fetch(url, { headers: { authorization: `Bearer ${a.admin.token}` } });
    expect(admitted.status).toBe(200);
  });
});
