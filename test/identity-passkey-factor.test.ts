import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import {
  adminClient,
  startTestStack,
  uniqueEmail,
  type GraphQLResult,
  type TestStack,
} from './support/stack.ts';
import { SET_PASSWORD, movableClock, signInClient, withoutIpLimits } from './support/sign-in.ts';
import { SoftwareAuthenticator, type ClientOverrides } from './support/software-authenticator.ts';

// A passkey as the second factor of a sign-in by password, and as a step-up, through the gateway,
// answered by a software authenticator (real keys and signatures).
const RP_ID = 'steward.test';
const ORIGIN = 'https://app.steward.test';
const browser: ClientOverrides = { origin: ORIGIN };
const PASSWORD = 'seven lanterns over a quiet harbour';
const clock = movableClock();
let stack: TestStack;
let db: pg.Client;
let client: ReturnType<typeof signInClient>;

beforeAll(async () => {
  stack = await startTestStack({
    identity: {
      now: clock.now,
      bruteForce: withoutIpLimits,
      webauthn: { rpId: RP_ID, rpName: 'Steward tests', origins: [ORIGIN] },
    },
  });
  client = signInClient(stack);
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const START_REGISTRATION = /* GraphQL */ `
  mutation {
    startPasskeyRegistration {
      options
    }
  }
`;
const COMPLETE_REGISTRATION = /* GraphQL */ `
  mutation ($name: String!, $response: String!) {
    completePasskeyRegistration(name: $name, response: $response) {
      id
    }
  }
`;
const START_CHALLENGE_PASSKEY = /* GraphQL */ `
  mutation ($challenge: String!) {
    startSignInChallengePasskey(challenge: $challenge) {
      ceremonyId
      options
    }
  }
`;
const COMPLETE_WITH_PASSKEY = /* GraphQL */ `
  mutation ($challenge: String!, $ceremonyId: ID!, $response: String!) {
    completeSignInWithPasskey(challenge: $challenge, ceremonyId: $ceremonyId, response: $response) {
      token
      session {
        authenticationMethods
      }
    }
  }
`;
const START_STEP_UP = /* GraphQL */ `
  mutation {
    startPasskeyStepUp {
      ceremonyId
      options
    }
  }
`;
const STEP_UP = /* GraphQL */ `
  mutation ($ceremonyId: ID!, $response: String!) {
    stepUpWithPasskey(ceremonyId: $ceremonyId, response: $response) {
      authenticatedAt
      authenticationMethods
    }
  }
`;

const extensionsOf = (result: GraphQLResult<unknown>) => result.errors?.[0]?.extensions;

/** A person with a password and a passkey on `authenticator`. */
async function withPasskey(label: string, authenticator = new SoftwareAuthenticator('packed')) {
  const email = uniqueEmail(label);
  const { token, userId } = await stack.signIn(email);
  expect((await stack.graphql(SET_PASSWORD, { newPassword: PASSWORD }, token)).errors).toBeUndefined();
  const started = await stack.graphql<{ startPasskeyRegistration: { options: string } }>(
    START_REGISTRATION,
    {},
    token,
  );
  const response = authenticator.create(started.data!.startPasskeyRegistration.options, browser);
  const registered = await stack.graphql(
    COMPLETE_REGISTRATION,
    { name: 'Laptop', response: JSON.stringify(response) },
    token,
  );
  expect(registered.errors).toBeUndefined();
  return { email, token, userId, authenticator };
}

async function challengeOf(email: string): Promise<string> {
  const result = await client.withPassword(email, PASSWORD);
  expect(extensionsOf(result)).toMatchObject({
    code: 'UNAUTHENTICATED',
    reason: 'SECOND_FACTOR_REQUIRED',
    factors: expect.arrayContaining(['PASSKEY']),
  });
  return String(extensionsOf(result)!.challenge);
}

async function passkeyAnswer(
  challenge: string,
  authenticator: SoftwareAuthenticator,
  client: ClientOverrides = browser,
  credentialId?: string,
) {
  const started = await stack.graphql<{
    startSignInChallengePasskey: { ceremonyId: string; options: string };
  }>(START_CHALLENGE_PASSKEY, { challenge });
  expect(started.errors).toBeUndefined();
  const { ceremonyId, options } = started.data!.startSignInChallengePasskey;
  return { ceremonyId, response: JSON.stringify(authenticator.get(options, client, credentialId)) };
}

describe('a passkey as second factor', () => {
  it('a password sign-in of a person with a passkey asks for it, and the passkey completes it', async () => {
    const person = await withPasskey('pk-factor');
    const challenge = await challengeOf(person.email);
    const answer = await passkeyAnswer(challenge, person.authenticator);
    const completed = await stack.graphql<{
      completeSignInWithPasskey: { token: string; session: { authenticationMethods: string[] } };
    }>(COMPLETE_WITH_PASSKEY, { challenge, ...answer });
    expect(completed.errors).toBeUndefined();
    expect(completed.data!.completeSignInWithPasskey.session.authenticationMethods).toEqual([
      'PASSWORD',
      'PASSKEY',
    ]);
    const me = await stack.graphql<{ me: { email: string } }>(
      '{ me { email } }',
      {},
      completed.data!.completeSignInWithPasskey.token,
    );
    expect(me.data!.me.email).toBe(person.email);
    // The challenge is spent: the same answer again is refused.
    expect(extensionsOf(await stack.graphql(COMPLETE_WITH_PASSKEY, { challenge, ...answer }))?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses another authenticator’s answer, or one from another origin, records it, and opens no session', async () => {
    const person = await withPasskey('pk-factor-wrong');
    const stranger = await withPasskey('pk-factor-stranger');
    const challenge = await challengeOf(person.email);
    const sessionsBefore = (
      await db.query('select count(*)::int as n from identity.sessions where user_id = $1', [person.userId])
    ).rows[0].n;
    // The stranger's passkey is not the person's.
    const foreign = await passkeyAnswer(
      challenge,
      stranger.authenticator,
      browser,
      stranger.authenticator.credentialIds()[0],
    );
    const refused = await stack.graphql(COMPLETE_WITH_PASSKEY, { challenge, ...foreign });
    expect(extensionsOf(refused)?.code).toMatch(/UNAUTHENTICATED|NOT_FOUND/);
    // The person's own passkey, but asked by a page on another origin (a phishing site).
    const phished = await passkeyAnswer(challenge, person.authenticator, {
      origin: 'https://steward.evil.test',
    });
    expect(extensionsOf(await stack.graphql(COMPLETE_WITH_PASSKEY, { challenge, ...phished }))).toMatchObject(
      {
        code: 'UNAUTHENTICATED',
        reason: 'PASSKEY_REFUSED',
      },
    );
    const sessionsAfter = (
      await db.query('select count(*)::int as n from identity.sessions where user_id = $1', [person.userId])
    ).rows[0].n;
    expect(sessionsAfter).toBe(sessionsBefore);
    const attempts = await db.query<{ method: string; outcome: string }>(
      `select method, outcome from identity.sign_in_attempts where user_id = $1 and method = 'PASSKEY'`,
      [person.userId],
    );
    expect(attempts.rows.length).toBeGreaterThanOrEqual(1);
    expect(attempts.rows.every((row) => row.outcome !== 'SUCCESS')).toBe(true);
    // The right answer still completes it afterwards.
    const right = await passkeyAnswer(challenge, person.authenticator);
    expect((await stack.graphql(COMPLETE_WITH_PASSKEY, { challenge, ...right })).errors).toBeUndefined();
  });

  it('a passkey gives a step-up: the session is authenticated again, with PASSKEY among its methods', async () => {
    const person = await withPasskey('pk-step-up');
    clock.advance(60 * 60_000);
    const started = await stack.graphql<{ startPasskeyStepUp: { ceremonyId: string; options: string } }>(
      START_STEP_UP,
      {},
      person.token,
    );
    expect(started.errors).toBeUndefined();
    const { ceremonyId, options } = started.data!.startPasskeyStepUp;
    const response = JSON.stringify(person.authenticator.get(options, browser));
    const stepped = await stack.graphql<{
      stepUpWithPasskey: { authenticatedAt: string; authenticationMethods: string[] };
    }>(STEP_UP, { ceremonyId, response }, person.token);
    expect(stepped.errors).toBeUndefined();
    expect(new Date(stepped.data!.stepUpWithPasskey.authenticatedAt).getTime()).toBeGreaterThan(
      clock.now().getTime() - 60_000,
    );
    expect(stepped.data!.stepUpWithPasskey.authenticationMethods).toContain('PASSKEY');
    // The same answer again: the ceremony is spent.
    expect(extensionsOf(await stack.graphql(STEP_UP, { ceremonyId, response }, person.token))?.code).toBe(
      'UNAUTHENTICATED',
    );
    // Malformed input: a coded error, nothing counted.
    expect(
      extensionsOf(await stack.graphql(STEP_UP, { ceremonyId, response: 'not json' }, person.token))?.code,
    ).toBe('BAD_USER_INPUT');
  });
});
