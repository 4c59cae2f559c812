import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import {
  CHROME_DESKTOP,
  SAFARI_IPHONE,
  errorCodes,
  latestCode,
  viaGateway,
  withoutIpLimits,
} from './support/sign-in.ts';
import { addMembership } from './support/tenancy-fixtures.ts';

let stack: TestStack;
let db: pg.Client;
beforeAll(async () => {
  stack = await startTestStack({ identity: { bruteForce: withoutIpLimits } });
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const ATTEMPT_FIELDS = /* GraphQL */ `
  edges {
    cursor
    node {
      id
      email
      method
      outcome
      ip
      userAgent
      deviceType
      occurredAt
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
`;
const MY_ATTEMPTS = /* GraphQL */ `
  query MyAttempts($first: Int, $after: String) {
    me {
      signInAttempts(first: $first, after: $after) { ${ATTEMPT_FIELDS} }
    }
  }
`;
const MEMBER_ATTEMPTS = /* GraphQL */ `
  query MemberAttempts($organizationId: ID!, $userId: ID!) {
    memberSignInAttempts(organizationId: $organizationId, userId: $userId) { ${ATTEMPT_FIELDS} }
  }
`;

interface Attempt {
  id: string;
  method: string;
  outcome: string;
  ip: string | null;
  deviceType: string;
}
interface AttemptPage {
  edges: { cursor: string; node: Attempt }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A user with a history: a dev sign-in, a wrong code from a phone, then the right code. */
async function userWithHistory(label: string) {
  const email = uniqueEmail(label);
  const { userId } = await stack.signIn(email);
  await stack.graphql('mutation($email: String!) { requestSignInCode(email: $email) }', { email });
  const code = latestCode(stack, email);
  const signIn = /* GraphQL */ `
    mutation SignIn($email: String!, $code: String!) {
      signInWithCode(email: $email, code: $code) {
        token
      }
    }
  `;
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  await viaGateway(stack, signIn, { email, code: wrong }, { userAgent: SAFARI_IPHONE });
  const right = await viaGateway<{ signInWithCode: { token: string } }>(stack, signIn, { email, code });
  return { email, userId, token: right.data!.signInWithCode.token };
}

const EXPECTED_HISTORY = [
  {
    method: 'EMAIL_CODE',
    outcome: 'SUCCESS',
    ip: '127.0.0.1',
    userAgent: CHROME_DESKTOP,
    deviceType: 'DESKTOP',
  },
  {
    method: 'EMAIL_CODE',
    outcome: 'FAILURE',
    ip: '127.0.0.1',
    userAgent: SAFARI_IPHONE,
    deviceType: 'MOBILE',
  },
  {
    method: 'DEVELOPMENT',
    outcome: 'SUCCESS',
    ip: '127.0.0.1',
    userAgent: CHROME_DESKTOP,
    deviceType: 'DESKTOP',
  },
];

async function organizationOf(
  admin: { token: string },
  member?: { userId: string; role: 'ADMIN' | 'MEMBER' },
) {
  const created = await stack.graphql<{ createOrganization: { id: string } }>(
    'mutation { createOrganization(name: "Attempts Inc") { id } }',
    {},
    admin.token,
  );
  const organizationId = created.data!.createOrganization.id;
  if (member) {
    await addMembership(db, organizationId, member.userId, member.role);
  }
  return organizationId;
}

describe('a user’s own sign-in attempts', () => {
  it('lists them newest first, failures included, with method, outcome, IP and device type', async () => {
    const { email, token } = await userWithHistory('history');

    const result = await stack.graphql<{ me: { signInAttempts: AttemptPage } }>(MY_ATTEMPTS, {}, token);

    expect(result.errors).toBeUndefined();
    const page = result.data!.me.signInAttempts;
    expect(page.edges.map((e) => e.node)).toMatchObject(EXPECTED_HISTORY.map((a) => ({ ...a, email })));
    expect(page.pageInfo).toMatchObject({ hasNextPage: false });
  });

  it('pages through them with a cursor', async () => {
    const { token } = await userWithHistory('pages');
    const page = async (after?: string | null) =>
      (await stack.graphql<{ me: { signInAttempts: AttemptPage } }>(MY_ATTEMPTS, { first: 2, after }, token))
        .data!.me.signInAttempts;

    const first = await page();
    const second = await page(first.pageInfo.endCursor);

    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...second.edges].map((e) => e.node.outcome)).toEqual(
      EXPECTED_HISTORY.map((a) => a.outcome),
    );
  });

  it.each([
    ['first: 0', { first: 0 }],
    ['first: 101', { first: 101 }],
    ['a forged cursor', { after: 'bm90IGEgY3Vyc29y' }],
  ])('refuses %s with BAD_USER_INPUT', async (_label, variables) => {
    const { token } = await stack.signIn(uniqueEmail('bad-page'));
    expect(errorCodes(await stack.graphql(MY_ATTEMPTS, variables, token))).toEqual(['BAD_USER_INPUT']);
  });

  it('records an audit event for every attempt', async () => {
    const { userId } = await userWithHistory('audited');
    const { rows } = await db.query<{ outcome: string; action: string }>(
      `select a.outcome, o.event->>'action' as action
         from identity.sign_in_attempts a
         join identity.audit_outbox o on o.event->'metadata'->>'attemptId' = a.id::text
        where a.user_id = $1
        order by a.seq`,
      [userId],
    );
    expect(rows).toEqual([
      { outcome: 'SUCCESS', action: 'identity.sign_in.succeeded' },
      { outcome: 'FAILURE', action: 'identity.sign_in.failed' },
      { outcome: 'SUCCESS', action: 'identity.sign_in.succeeded' },
    ]);
  });
});

describe('a member’s sign-in attempts', () => {
  it('are listed for an ADMIN of an organization the member belongs to', async () => {
    const admin = await stack.signIn(uniqueEmail('attempts-admin'));
    const member = await userWithHistory('attempts-member');
    const organizationId = await organizationOf(admin, { userId: member.userId, role: 'MEMBER' });

    const result = await stack.graphql<{ memberSignInAttempts: AttemptPage }>(
      MEMBER_ATTEMPTS,
      { organizationId, userId: member.userId },
      admin.token,
    );

    expect(result.errors).toBeUndefined();
    expect(result.data!.memberSignInAttempts.edges.map((e) => e.node)).toMatchObject(EXPECTED_HISTORY);
  });

  it('are not listed for anyone else', async () => {
    const admin = await stack.signIn(uniqueEmail('attempts-admin'));
    const member = await userWithHistory('attempts-member');
    const colleague = await stack.signIn(uniqueEmail('attempts-colleague'));
    const outsider = await userWithHistory('attempts-outsider');
    const organizationId = await organizationOf(admin, { userId: member.userId, role: 'MEMBER' });
    await addMembership(db, organizationId, colleague.userId);
    const otherAdmin = await stack.signIn(uniqueEmail('attempts-other-admin'));
    const otherOrganizationId = await organizationOf(otherAdmin);
    const ask = (organization: string, userId: string, token?: string) =>
      stack.graphql(MEMBER_ATTEMPTS, { organizationId: organization, userId }, token).then(errorCodes);

    // Another organization's admin: this organization does not exist for them.
    expect(await ask(organizationId, member.userId, otherAdmin.token)).toEqual(['NOT_FOUND']);
    // …nor is the member one of theirs.
    expect(await ask(otherOrganizationId, member.userId, otherAdmin.token)).toEqual(['NOT_FOUND']);
    // A MEMBER of the organization, the member themself included: not an admin.
    expect(await ask(organizationId, member.userId, colleague.token)).toEqual(['FORBIDDEN']);
    expect(await ask(organizationId, member.userId, member.token)).toEqual(['FORBIDDEN']);
    // The admin, about someone outside the organization.
    expect(await ask(organizationId, outsider.userId, admin.token)).toEqual(['NOT_FOUND']);
    // What is not an id is refused as such before anything is looked up (issue 15).
    expect(await ask(organizationId, 'not-a-uuid', admin.token)).toEqual(['BAD_USER_INPUT']);
    // Nobody signed in.
    expect(await ask(organizationId, member.userId)).toEqual(['UNAUTHENTICATED']);
  });
});
