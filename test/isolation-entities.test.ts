import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { audienceOf, privateKeyFromPem } from '../platform/internal-token.ts';
import { ATTESTATIONS_EXTENSION, signMemberAttestation } from '../platform/member-attestation.ts';
import type { Principal } from '../platform/principal.ts';
import { adminClient, uniqueEmail, startTestStack, type TestStack } from './support/stack.ts';
import { organization, addMembership } from './support/tenancy-fixtures.ts';
import { testEnvironment } from './support/test-env.ts';

// `_entities` straight to a subgraph, with a valid gateway-signed internal token whose principal is
// the admin of organization A: asking for organization B's rows answers null or NOT_FOUND, never
// B's data. (The gateway never plans such a fetch; a stolen or replayed token might.)

let stack: TestStack;
let a: Awaited<ReturnType<typeof organization>>;
let b: Awaited<ReturnType<typeof organization>>;
beforeAll(async () => {
  stack = await startTestStack();
  [a, b] = await Promise.all([organization(stack, 'entities-a'), organization(stack, 'entities-b')]);
});
afterAll(async () => {
  await stack?.close();
});

async function internalToken(subgraph: 'tenancy' | 'identity', principal: Principal) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ principal, origin: { requestId: 'isolation-entities', ip: null, userAgent: null } })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer('steward-gateway')
    .setAudience(audienceOf(subgraph))
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(privateKeyFromPem(testEnvironment().privateKeyPem));
}

const adminOfA = (): Principal => ({
  kind: 'user',
  userId: a.admin.userId,
  memberships: [{ organizationId: a.organizationId, role: 'ADMIN', projects: [] }],
});

interface EntitiesAnswer {
  status: number;
  body: {
    data?: { _entities: (Record<string, unknown> | null)[] } | null;
    errors?: { extensions?: { code?: string } }[];
  };
}

async function entities(
  subgraph: 'tenancy' | 'identity',
  principal: Principal,
  query: string,
  representations: Record<string, unknown>[],
  extensions?: Record<string, unknown>,
): Promise<EntitiesAnswer> {
  const response = await fetch(stack.subgraphs[subgraph]!.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await internalToken(subgraph, principal)}`,
    },
    body: JSON.stringify({ query, variables: { representations }, extensions }),
  });
  return { status: response.status, body: (await response.json()) as EntitiesAnswer['body'] };
}

const TENANCY_ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Organization {
        id
        name
        region
        members {
          role
        }
        projects {
          id
          name
        }
      }
      ... on Project {
        id
        name
        organization {
          id
        }
      }
    }
  }
`;

/** Each entity is null or errored (NOT_FOUND, or FORBIDDEN on a field), and nothing of B shows. */
function expectNothingOf(answer: EntitiesAnswer, ...forbiddenIds: string[]) {
  expect(answer.status).toBe(200);
  const text = JSON.stringify(answer.body);
  for (const id of forbiddenIds) expect(text).not.toContain(id);
  for (const entity of answer.body.data?._entities ?? []) expect(entity).toBeNull();
  for (const error of answer.body.errors ?? [])
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(error.extensions?.code);
}

describe('tenancy _entities for another tenant', () => {
  it("answers the control: A's own organization and project, to A's admin", async () => {
    const answer = await entities('tenancy', adminOfA(), TENANCY_ENTITIES, [
      { __typename: 'Organization', id: a.organizationId },
      { __typename: 'Project', id: a.projectId },
    ]);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?._entities).toEqual([
      expect.objectContaining({ __typename: 'Organization', id: a.organizationId }),
      expect.objectContaining({ __typename: 'Project', id: a.projectId }),
    ]);
  });

  it.each([
    ['Organization', () => b.organizationId],
    ['Project', () => b.projectId],
  ] as const)("answers null or NOT_FOUND for B's %s, never its data", async (typename, id) => {
    const answer = await entities('tenancy', adminOfA(), TENANCY_ENTITIES, [
      { __typename: typename, id: id() },
    ]);
    expectNothingOf(answer, b.organizationId, b.projectId, b.admin.userId);
  });

  it("mixed with A's own: A's rows come back, B's stay null", async () => {
    const answer = await entities('tenancy', adminOfA(), TENANCY_ENTITIES, [
      { __typename: 'Project', id: a.projectId },
      { __typename: 'Project', id: b.projectId },
      { __typename: 'Organization', id: b.organizationId },
    ]);
    const text = JSON.stringify(answer.body);
    for (const id of [b.organizationId, b.projectId]) expect(text).not.toContain(id);
    expect(answer.body.data?._entities[0]).toMatchObject({ id: a.projectId });
    expect(answer.body.data?._entities.slice(1)).toEqual([null, null]);
  });

  it('answers nothing to an API key of A asking for B', async () => {
    const key: Principal = {
      kind: 'apiKey',
      keyId: '00000000-0000-0000-0000-00000000000a',
      organizationId: a.organizationId,
      scopes: ['projects:read', 'members:read'],
    };
    const answer = await entities('tenancy', key, TENANCY_ENTITIES, [
      { __typename: 'Organization', id: b.organizationId },
      { __typename: 'Project', id: b.projectId },
    ]);
    expectNothingOf(answer, b.organizationId, b.projectId, b.admin.userId);
  });
});

describe('identity _entities for another user', () => {
  const USER_ENTITIES = /* GraphQL */ `
    query Entities($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on User {
          id
          sessions {
            id
          }
          signInAttempts {
            edges {
              node {
                id
              }
            }
          }
        }
      }
    }
  `;

  it("never answers another user's sessions or sign-in history", async () => {
    const answer = await entities('identity', adminOfA(), USER_ENTITIES, [
      { __typename: 'User', id: b.admin.userId },
    ]);
    expect(answer.status).toBe(200);
    const user = answer.body.data?._entities[0] as { sessions?: unknown; signInAttempts?: unknown } | null;
    // Another tenant's user does not resolve at all: no profile, no sessions, no history.
    expect(user).toBeNull();
  });
});

const PROFILE = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on User {
        id
        email
      }
    }
  }
`;

describe("identity _entities for another user's profile", () => {
  it('answers a member of my organization, and null for a user of another tenant', async () => {
    const colleague = await stack.signIn(uniqueEmail('entities-colleague'));
    const db = await adminClient();
    try {
      await addMembership(db, a.organizationId, colleague.userId);
    } finally {
      await db.end();
    }

    const answer = await entities('identity', adminOfA(), PROFILE, [
      { __typename: 'User', id: colleague.userId },
      { __typename: 'User', id: b.admin.userId },
    ]);

    expect(answer.status).toBe(200);
    const [mine, theirs] = answer.body.data?._entities as [{ email: string } | null, unknown];
    expect(mine?.email).toEqual(expect.stringContaining('entities-colleague'));
    expect(theirs).toBeNull();
  });
});

describe("identity _entities with a member attestation that is not tenancy's for this principal", () => {
  const tenancyKey = () => privateKeyFromPem(testEnvironment().services.tenancy!.privateKeyPem);
  /** B's admin's profile, asked of identity by A's admin with this attestation. */
  const profileOfB = (token: string | null) =>
    entities('identity', adminOfA(), PROFILE, [{ __typename: 'User', id: b.admin.userId }], {
      [ATTESTATIONS_EXTENSION]: { identity: [token] },
    });
  const adminOfB = (): Principal => ({
    kind: 'user',
    userId: b.admin.userId,
    memberships: [{ organizationId: b.organizationId, role: 'ADMIN', projects: [] }],
  });

  it("still answers null for another tenant's user: forged, replayed from another principal, or expired", async () => {
    const theirs = [b.admin.userId];
    const forgeries = [
      // Signed with the gateway's key, or identity's own, rather than tenancy's.
      signMemberAttestation(privateKeyFromPem(testEnvironment().privateKeyPem), adminOfA(), theirs),
      signMemberAttestation(
        privateKeyFromPem(testEnvironment().services.identity!.privateKeyPem),
        adminOfA(),
        theirs,
      ),
      // Tenancy's, made for B's admin (who may see its own user), replayed by A's admin.
      signMemberAttestation(tenancyKey(), adminOfB(), theirs),
      // Tenancy's, for A's admin, but expired.
      signMemberAttestation(tenancyKey(), adminOfA(), theirs, Date.now() - 120_000),
    ];
    for (const token of forgeries) {
      const answer = await profileOfB(token);
      expect(answer.status).toBe(200);
      expect(answer.body.data?._entities).toEqual([null]);
    }
  });

  it('is honoured when genuine: the control that makes the refusals above mean something', async () => {
    // Tenancy vouches only for members of the principal's organizations; were it to vouch for
    // B's admin to A's, identity would show the profile without asking.
    const token = signMemberAttestation(tenancyKey(), adminOfA(), [b.admin.userId]);
    const answer = await profileOfB(token);
    expect(answer.body.data?._entities).toEqual([{ id: b.admin.userId, email: expect.any(String) }]);
  });
});
