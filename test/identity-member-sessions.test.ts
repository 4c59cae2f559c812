import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, type GraphQLResult, type TestStack } from './support/stack.ts';
import { INVALID_PASSWORD, SAFARI_IPHONE, SET_PASSWORD, refusal, signInClient } from './support/sign-in.ts';
import { join, organization, signIn } from './support/tenancy-fixtures.ts';

// An organization's admin and its members' devices: the sessions of a member with device, IP and
// times; one of them ended (that device refused from its next request, the others untouched);
// the organization's sign-in attempts in one filtered, paginated list; a locked member unlocked.
// Another organization's admin learns nothing (NOT_FOUND), a member without the role is FORBIDDEN.
let stack: TestStack;
let db: pg.Client;
let client: ReturnType<typeof signInClient>;
beforeAll(async () => {
  stack = await startTestStack();
  client = signInClient(stack);
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const MEMBER_SESSIONS = /* GraphQL */ `
  query MemberSessions($organizationId: ID!, $userId: ID!) {
    memberSessions(organizationId: $organizationId, userId: $userId) {
      id
      userId
      createdAt
      lastSeenAt
      ip
      userAgent
      deviceType
      revokedAt
      authenticationMethods
    }
  }
`;
const REVOKE = /* GraphQL */ `
  mutation Revoke($organizationId: ID!, $sessionId: ID!) {
    revokeMemberSession(organizationId: $organizationId, sessionId: $sessionId) {
      id
      revokedAt
    }
  }
`;
const UNLOCK = /* GraphQL */ `
  mutation Unlock($organizationId: ID!, $userId: ID!) {
    unlockMember(organizationId: $organizationId, userId: $userId)
  }
`;
const ATTEMPTS = /* GraphQL */ `
  query Attempts($organizationId: ID!, $filter: SignInAttemptFilter, $first: Int, $after: String) {
    organizationSignInAttempts(
      organizationId: $organizationId
      filter: $filter
      first: $first
      after: $after
    ) {
      edges {
        cursor
        node {
          email
          method
          outcome
          ip
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const ME = /* GraphQL */ `
  query Me {
    me {
      id
    }
  }
`;
const PASSWORD = 'a kettle sings on the old stove';

interface SessionView {
  id: string;
  deviceType: string;
  ip: string | null;
  revokedAt: string | null;
}
type AttemptsPage = {
  organizationSignInAttempts: {
    edges: { cursor: string; node: { email: string; method: string; outcome: string; ip: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};
const codeOf = (result: GraphQLResult<unknown>) => result.errors?.[0]?.extensions?.code;

async function world(label: string) {
  const a = await organization(stack, `${label}-a`);
  const b = await organization(stack, `${label}-b`);
  const member = await join(
    stack,
    a.admin.token,
    { organizationId: a.organizationId, role: 'MEMBER' },
    label,
  );
  return { a, b, member };
}

describe("an admin and a member's devices", () => {
  it('lists them, ends one: that device is refused on its next request, the others go on', async () => {
    const { a, b, member } = await world('devices');
    expect(
      (await stack.graphql(SET_PASSWORD, { newPassword: PASSWORD }, member.token)).errors,
    ).toBeUndefined();
    const onPhone = await client.withPassword(member.email, PASSWORD, SAFARI_IPHONE);
    const onLaptop = await client.withPassword(member.email, PASSWORD);
    const phoneToken = onPhone.data!.signInWithPassword.token;
    const laptopToken = onLaptop.data!.signInWithPassword.token;
    // Both in use (the gateway caches their principals).
    for (const token of [phoneToken, laptopToken, member.token])
      expect((await stack.graphql(ME, {}, token)).errors).toBeUndefined();

    const listed = await stack.graphql<{ memberSessions: SessionView[] }>(
      MEMBER_SESSIONS,
      { organizationId: a.organizationId, userId: member.userId },
      a.admin.token,
    );
    expect(listed.errors).toBeUndefined();
    const sessions = listed.data!.memberSessions;
    expect(sessions).toHaveLength(3);
    const phoneSession = sessions.find((s) => s.deviceType === 'MOBILE');
    expect(phoneSession).toMatchObject({ ip: '127.0.0.1', revokedAt: null });

    // Nobody else may list or end them.
    const asOtherAdmin = await stack.graphql(
      MEMBER_SESSIONS,
      { organizationId: a.organizationId, userId: member.userId },
      b.admin.token,
    );
    expect(codeOf(asOtherAdmin)).toBe('NOT_FOUND');
    expect(
      codeOf(
        await stack.graphql(
          MEMBER_SESSIONS,
          { organizationId: b.organizationId, userId: member.userId },
          b.admin.token,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(
        await stack.graphql(
          REVOKE,
          { organizationId: b.organizationId, sessionId: phoneSession!.id },
          b.admin.token,
        ),
      ),
    ).toBe('NOT_FOUND');
    const peer = await join(
      stack,
      a.admin.token,
      { organizationId: a.organizationId, role: 'MEMBER' },
      'peer',
    );
    expect(
      codeOf(
        await stack.graphql(
          REVOKE,
          { organizationId: a.organizationId, sessionId: phoneSession!.id },
          peer.token,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect((await stack.graphql(ME, {}, phoneToken)).errors).toBeUndefined();

    const revoked = await stack.graphql<{ revokeMemberSession: SessionView }>(
      REVOKE,
      { organizationId: a.organizationId, sessionId: phoneSession!.id },
      a.admin.token,
    );
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeMemberSession.revokedAt).not.toBeNull();

    const refused = await stack.graphql(ME, {}, phoneToken);
    expect(refused.status).toBe(401);
    for (const token of [laptopToken, member.token])
      expect((await stack.graphql<{ me: { id: string } }>(ME, {}, token)).data).toEqual({
        me: { id: member.userId },
      });

    const events = await db.query(
      `select event->'target'->>'id' as session from identity.audit_outbox
        where organization_id = $1 and event->>'action' = 'identity.session.revoked_by_admin'`,
      [a.organizationId],
    );
    expect(events.rows).toEqual([{ session: phoneSession!.id }]);
  });
});

describe("an organization's sign-in attempts", () => {
  it('in one list of its members only, filtered and paginated', async () => {
    const { a, b, member } = await world('attempts');
    const outsider = await signIn(stack, 'attempts-outsider');
    expect(
      (await stack.graphql(SET_PASSWORD, { newPassword: PASSWORD }, member.token)).errors,
    ).toBeUndefined();
    const since = new Date().toISOString();
    for (const guess of ['wrong one', 'wrong two']) await client.withPassword(member.email, guess);
    await client.withPassword(member.email, PASSWORD);
    await client.withPassword(outsider.email, 'wrong');

    const failures = await stack.graphql<AttemptsPage>(
      ATTEMPTS,
      { organizationId: a.organizationId, filter: { outcome: 'FAILURE', method: 'PASSWORD', from: since } },
      a.admin.token,
    );
    expect(failures.errors).toBeUndefined();
    const nodes = failures.data!.organizationSignInAttempts.edges.map((e) => e.node);
    expect(nodes).toEqual([
      { email: member.email, method: 'PASSWORD', outcome: 'FAILURE', ip: '127.0.0.1' },
      { email: member.email, method: 'PASSWORD', outcome: 'FAILURE', ip: '127.0.0.1' },
    ]);

    // A page of one, then the next from its cursor.
    const one = await stack.graphql<AttemptsPage>(
      ATTEMPTS,
      { organizationId: a.organizationId, filter: { userId: member.userId, from: since }, first: 1 },
      a.admin.token,
    );
    const firstPage = one.data!.organizationSignInAttempts;
    expect(firstPage.edges.map((e) => e.node.outcome)).toEqual(['SUCCESS']);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const next = await stack.graphql<AttemptsPage>(
      ATTEMPTS,
      {
        organizationId: a.organizationId,
        filter: { userId: member.userId, from: since },
        first: 5,
        after: firstPage.pageInfo.endCursor,
      },
      a.admin.token,
    );
    expect(next.data!.organizationSignInAttempts.edges.map((e) => e.node.outcome)).toEqual([
      'FAILURE',
      'FAILURE',
    ]);
    expect(next.data!.organizationSignInAttempts.pageInfo.hasNextPage).toBe(false);

    // Another IP, an empty range, another organization's admin, a member, a bad cursor.
    const otherIp = await stack.graphql<AttemptsPage>(
      ATTEMPTS,
      { organizationId: a.organizationId, filter: { ip: '10.9.9.9' } },
      a.admin.token,
    );
    expect(otherIp.data!.organizationSignInAttempts.edges).toEqual([]);
    const past = await stack.graphql<AttemptsPage>(
      ATTEMPTS,
      { organizationId: a.organizationId, filter: { to: since, userId: member.userId, method: 'PASSWORD' } },
      a.admin.token,
    );
    expect(past.data!.organizationSignInAttempts.edges).toEqual([]);
    expect(codeOf(await stack.graphql(ATTEMPTS, { organizationId: a.organizationId }, b.admin.token))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await stack.graphql(ATTEMPTS, { organizationId: a.organizationId }, member.token))).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf(
        await stack.graphql(
          ATTEMPTS,
          { organizationId: a.organizationId, after: 'nonsense!' },
          a.admin.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(
        await stack.graphql(
          ATTEMPTS,
          { organizationId: a.organizationId, filter: { userId: outsider.userId } },
          a.admin.token,
        ),
      ),
    ).toBe('NOT_FOUND');
  });
});

describe('unlocking a member', () => {
  it('lifts the lock of too many failed tries; audited', async () => {
    const { a, b, member } = await world('unlock');
    expect(
      (await stack.graphql(SET_PASSWORD, { newPassword: PASSWORD }, member.token)).errors,
    ).toBeUndefined();
    for (let i = 0; i < 10; i++) await client.withPassword(member.email, `wrong ${i}`);
    expect(refusal(await client.withPassword(member.email, PASSWORD))).toEqual(INVALID_PASSWORD);

    expect(
      codeOf(
        await stack.graphql(
          UNLOCK,
          { organizationId: a.organizationId, userId: member.userId },
          b.admin.token,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(
      (
        await stack.graphql(
          UNLOCK,
          { organizationId: a.organizationId, userId: member.userId },
          a.admin.token,
        )
      ).data,
    ).toEqual({ unlockMember: true });
    expect((await client.withPassword(member.email, PASSWORD)).errors).toBeUndefined();
    const events = await db.query(
      `select count(*)::int as n from identity.audit_outbox
        where organization_id = $1 and event->>'action' = 'identity.member.unlocked'`,
      [a.organizationId],
    );
    expect(events.rows).toEqual([{ n: 1 }]);
  });

  it('gives one try, not nine more: the next wrong password locks the account again', async () => {
    const { a, member } = await world('unlock-one-try');
    expect(
      (await stack.graphql(SET_PASSWORD, { newPassword: PASSWORD }, member.token)).errors,
    ).toBeUndefined();
    for (let i = 0; i < 10; i++) await client.withPassword(member.email, `wrong ${i}`);
    const unlock = () =>
      stack.graphql(UNLOCK, { organizationId: a.organizationId, userId: member.userId }, a.admin.token);
    expect((await unlock()).data).toEqual({ unlockMember: true });
    // A guesser's one try after the unlock locks it again: the right password is then refused.
    await client.withPassword(member.email, 'wrong again');
    expect(refusal(await client.withPassword(member.email, PASSWORD))).toEqual(INVALID_PASSWORD);
  });

  it('three unlocks a day per person, even fired at once: then RATE_LIMITED', async () => {
    const { a, member } = await world('unlock-limit');
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        stack.graphql(UNLOCK, { organizationId: a.organizationId, userId: member.userId }, a.admin.token),
      ),
    );
    expect(results.filter((r) => r.data?.unlockMember === true)).toHaveLength(3);
    expect(results.filter((r) => !r.data?.unlockMember).map(codeOf)).toEqual(Array(5).fill('RATE_LIMITED'));
    const events = await db.query(
      `select count(*)::int as n from identity.audit_outbox
        where organization_id = $1 and event->>'action' = 'identity.member.unlocked'
          and event->'target'->>'id' = $2`,
      [a.organizationId, member.userId],
    );
    expect(events.rows).toEqual([{ n: 3 }]);
  });
});
