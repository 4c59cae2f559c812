import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { Secret, TOTP } from 'otpauth';
import {
  adminClient,
  startTestStack,
  uniqueEmail,
  type GraphQLResult,
  type TestStack,
} from './support/stack.ts';
import {
  REQUEST_CODE,
  SAFARI_IPHONE,
  SET_PASSWORD,
  latestCode,
  movableClock,
  signInClient,
  viaGateway,
  withoutLimits,
} from './support/sign-in.ts';
import { SoftwareAuthenticator } from './support/software-authenticator.ts';
import { CREATE_ORGANIZATION } from './support/tenancy-fixtures.ts';

// An attacker's view of second factors, through the gateway: the same right code fired 40 times
// at once (every check runs: the limits are lifted, so only the spending of a code stands between
// them), and a stolen, stale session trying to make itself a factor of its own to pass step-ups.
const RP_ID = 'steward.test';
const ORIGIN = 'https://app.steward.test';
const clock = movableClock();
let stack: TestStack;
let db: pg.Client;
beforeAll(async () => {
  stack = await startTestStack({
    identity: {
      now: clock.now,
      bruteForce: withoutLimits,
      webauthn: { rpId: RP_ID, rpName: 'Steward tests', origins: [ORIGIN] },
    },
  });
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
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
const STEP_UP_TOTP = /* GraphQL */ `
  mutation StepUpTotp($code: String!) {
    stepUpWithTotp(code: $code) {
      id
    }
  }
`;
const STEP_UP_RECOVERY = /* GraphQL */ `
  mutation StepUpRecovery($code: String!) {
    stepUpWithRecoveryCode(code: $code) {
      id
    }
  }
`;
const STEP_UP_EMAIL_CODE = /* GraphQL */ `
  mutation StepUpEmailCode($code: String!) {
    stepUpWithEmailCode(code: $code) {
      id
    }
  }
`;
const WITH_TOTP = /* GraphQL */ `
  mutation WithTotp($challenge: String!, $code: String!) {
    completeSignInWithTotp(challenge: $challenge, code: $code) {
      token
    }
  }
`;
const REGENERATE = /* GraphQL */ `
  mutation Regenerate {
    regenerateRecoveryCodes {
      codes
    }
  }
`;
const START_REGISTRATION = /* GraphQL */ `
  mutation StartRegistration {
    startPasskeyRegistration {
      options
    }
  }
`;
const COMPLETE_REGISTRATION = /* GraphQL */ `
  mutation CompleteRegistration($response: String!) {
    completePasskeyRegistration(name: "Attacker's key", response: $response) {
      id
    }
  }
`;
const CREATE_KEY = /* GraphQL */ `
  mutation CreateKey($organizationId: ID!) {
    createApiKey(organizationId: $organizationId, name: "exfiltration", scopes: ["projects:read"]) {
      secret
    }
  }
`;

const codeAt = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock.now().getTime() });
const extensionsOf = (result: GraphQLResult<unknown>) => result.errors?.[0]?.extensions;
const codesOf = (results: GraphQLResult<unknown>[]) =>
  results.flatMap((result) => (result.errors ?? []).map((error) => error.extensions?.code));

/** A signed-in person with an authenticator app; answers its secret and recovery codes. */
async function enrolled(label: string) {
  const email = uniqueEmail(label);
  const { token, userId } = await stack.signIn(email);
  const started = await stack.graphql<{ startTotpEnrolment: { secret: string } }>(START, {}, token);
  const { secret } = started.data!.startTotpEnrolment;
  const confirmed = await stack.graphql<{ confirmTotpEnrolment: { codes: string[] } }>(
    CONFIRM,
    { code: codeAt(secret) },
    token,
  );
  expect(confirmed.errors).toBeUndefined();
  clock.advance(30_000);
  return { email, token, userId, secret, recoveryCodes: confirmed.data!.confirmTotpEnrolment.codes };
}

describe('one right code fired 40 times at once', () => {
  it('an app code steps up once; the 39 others are refused with a coded error, none with an internal one', async () => {
    const { token, secret } = await enrolled('race-totp');
    // Twice, each time with the code of a new time step: a lost race is a matter of timing.
    for (let round = 0; round < 2; round++) {
      const code = codeAt(secret);
      const results = await Promise.all(
        Array.from({ length: 40 }, () => stack.graphql(STEP_UP_TOTP, { code }, token)),
      );
      expect(results.filter((result) => !result.errors)).toHaveLength(1);
      expect(new Set(codesOf(results))).toEqual(new Set(['UNAUTHENTICATED']));
      for (const result of results.filter((r) => r.errors)) {
        expect(result.errors![0]!.message).toBe('Invalid code');
      }
      clock.advance(30_000);
    }
  });

  it('a recovery code steps up once, and only that code is spent', async () => {
    const { token, userId, recoveryCodes } = await enrolled('race-recovery');
    for (const code of recoveryCodes.slice(0, 2)) {
      const results = await Promise.all(
        Array.from({ length: 40 }, () => stack.graphql(STEP_UP_RECOVERY, { code }, token)),
      );
      expect(results.filter((result) => !result.errors)).toHaveLength(1);
      expect(new Set(codesOf(results))).toEqual(new Set(['UNAUTHENTICATED']));
    }
    const spent = await db.query(
      'select count(*)::int as n from identity.recovery_codes where user_id = $1 and used_at is not null',
      [userId],
    );
    expect(spent.rows).toEqual([{ n: 2 }]);
  });
});

describe('an enrolment started 20 times at once', () => {
  it('answers each with a secret, stores one unconfirmed app, and an enrolled app is never replaced', async () => {
    const { token, userId } = await stack.signIn(uniqueEmail('parallel-enrol'));
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        stack.graphql<{ startTotpEnrolment: { secret: string } }>(START, {}, token),
      ),
    );
    expect(codesOf(results)).toEqual([]);
    const rows = await db.query('select confirmed_at from identity.totp_factors where user_id = $1', [
      userId,
    ]);
    expect(rows.rows).toEqual([{ confirmed_at: null }]);
    // The secret stored is one of those answered: its code confirms the app.
    const secrets = results.map((result) => result.data!.startTotpEnrolment.secret);
    const confirmations = [];
    for (const secret of secrets) {
      const confirmed = await stack.graphql(CONFIRM, { code: codeAt(secret) }, token);
      confirmations.push(confirmed);
      if (!confirmed.errors) break;
    }
    expect(confirmations.at(-1)!.errors).toBeUndefined();
    const again = await Promise.all(Array.from({ length: 5 }, () => stack.graphql(START, {}, token)));
    expect(new Set(again.map((result) => extensionsOf(result)?.reason))).toEqual(new Set(['TOTP_ENROLLED']));
  });
});

describe('recovery codes renewed', () => {
  it('the old ones stop working at once, the new ones work once; a stale session renews none', async () => {
    const { token, userId, recoveryCodes } = await enrolled('regenerate');
    const renewed = await stack.graphql<{ regenerateRecoveryCodes: { codes: string[] } }>(
      REGENERATE,
      {},
      token,
    );
    expect(renewed.errors).toBeUndefined();
    const fresh = renewed.data!.regenerateRecoveryCodes.codes;
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((code) => recoveryCodes.includes(code))).toEqual([]);
    for (const old of recoveryCodes.slice(0, 2)) {
      expect(extensionsOf(await stack.graphql(STEP_UP_RECOVERY, { code: old }, token))).toMatchObject({
        code: 'UNAUTHENTICATED',
        reason: 'INVALID_CODE',
      });
    }
    expect((await stack.graphql(STEP_UP_RECOVERY, { code: fresh[0] }, token)).errors).toBeUndefined();
    expect(extensionsOf(await stack.graphql(STEP_UP_RECOVERY, { code: fresh[0] }, token))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const left = await db.query(
      'select count(*)::int as n from identity.recovery_codes where user_id = $1 and used_at is null',
      [userId],
    );
    expect(left.rows).toEqual([{ n: 9 }]);

    clock.advance(10 * 60_000);
    expect(extensionsOf(await stack.graphql(REGENERATE, {}, token))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_REQUIRED',
    });
  });
});

describe('a stolen session of a person with an app, and their phished password', () => {
  it('changes no password without a step-up with the app', async () => {
    const { token, userId, secret } = await enrolled('phished-password');
    const phished = 'seven lanterns over a quiet harbour';
    expect((await stack.graphql(SET_PASSWORD, { newPassword: phished }, token)).errors).toBeUndefined();
    const hashOf = async () =>
      (await db.query('select password_hash from identity.users where id = $1', [userId])).rows[0]
        .password_hash as string;
    const before = await hashOf();
    clock.advance(10 * 60_000);

    const taken = 'the thief chose this one carefully';
    const refused = await stack.graphql(
      SET_PASSWORD,
      { newPassword: taken, currentPassword: phished },
      token,
    );
    expect(refused.data ?? null).toBeNull();
    expect(extensionsOf(refused)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_REQUIRED',
      factors: expect.arrayContaining(['TOTP']),
    });
    expect(await hashOf()).toBe(before);

    expect((await stack.graphql(STEP_UP_TOTP, { code: codeAt(secret) }, token)).errors).toBeUndefined();
    const changed = await stack.graphql(
      SET_PASSWORD,
      { newPassword: taken, currentPassword: phished },
      token,
    );
    expect(changed.errors).toBeUndefined();
    expect(await hashOf()).not.toBe(before);
  });
});

describe('a sign-in challenge taken elsewhere', () => {
  it('completes only from the client it was handed to; elsewhere it is unknown, and nothing is spent', async () => {
    const { email, token, userId, secret } = await enrolled('challenge-client');
    const password = 'seven lanterns over a quiet harbour';
    expect((await stack.graphql(SET_PASSWORD, { newPassword: password }, token)).errors).toBeUndefined();
    const challenged = await signInClient(stack).withPassword(email, password);
    expect(extensionsOf(challenged)).toMatchObject({ reason: 'SECOND_FACTOR_REQUIRED' });
    const challenge = String(extensionsOf(challenged)!.challenge);
    const code = codeAt(secret);

    const elsewhere = await viaGateway(stack, WITH_TOTP, { challenge, code }, { userAgent: SAFARI_IPHONE });
    expect(elsewhere.data ?? null).toBeNull();
    expect(extensionsOf(elsewhere)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'CHALLENGE_EXPIRED' });
    const tries = await db.query(
      `select count(*)::int as n from identity.sign_in_attempts where user_id = $1 and method = 'TOTP'`,
      [userId],
    );
    expect(tries.rows).toEqual([{ n: 0 }]);
    // The client that signed in finishes with the very same code.
    const completed = await viaGateway(stack, WITH_TOTP, { challenge, code });
    expect(completed.errors).toBeUndefined();
  });
});

describe('a stolen session, no longer fresh, making itself a factor', () => {
  it('cannot start enrolling an app or registering a passkey without a step-up, so it passes no step-up', async () => {
    const email = uniqueEmail('stale-enrol');
    const { token, userId } = await stack.signIn(email);
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      CREATE_ORGANIZATION,
      { name: 'Stale enrolment org' },
      token,
    );
    const organizationId = created.data!.createOrganization.id;
    clock.advance(10 * 60_000);

    const enrol = await stack.graphql(START, {}, token);
    expect(enrol.data ?? null).toBeNull();
    expect(extensionsOf(enrol)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_REQUIRED',
      factors: ['EMAIL_CODE', 'SIGN_IN'],
    });
    const register = await stack.graphql(START_REGISTRATION, {}, token);
    expect(register.data ?? null).toBeNull();
    expect(extensionsOf(register)).toMatchObject({ code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' });
    // Nothing was stored that a code or a passkey could later confirm.
    const stored = await db.query(
      `select (select count(*) from identity.totp_factors where user_id = $1)::int as apps,
              (select count(*) from identity.passkey_ceremonies where user_id = $1)::int as ceremonies`,
      [userId],
    );
    expect(stored.rows).toEqual([{ apps: 0, ceremonies: 0 }]);
    expect(extensionsOf(await stack.graphql(CREATE_KEY, { organizationId }, token))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_REQUIRED',
    });

    // The owner, with the code mailed to their address, steps up and enrols both.
    expect((await stack.graphql(REQUEST_CODE, { email })).errors).toBeUndefined();
    const stepped = await stack.graphql(STEP_UP_EMAIL_CODE, { code: latestCode(stack, email) }, token);
    expect(stepped.errors).toBeUndefined();
    const started = await stack.graphql<{ startTotpEnrolment: { secret: string } }>(START, {}, token);
    expect(started.errors).toBeUndefined();
    const options = await stack.graphql<{ startPasskeyRegistration: { options: string } }>(
      START_REGISTRATION,
      {},
      token,
    );
    expect(options.errors).toBeUndefined();
    const response = new SoftwareAuthenticator('none').create(
      options.data!.startPasskeyRegistration.options,
      {
        origin: ORIGIN,
      },
    );
    const registered = await stack.graphql(
      COMPLETE_REGISTRATION,
      { response: JSON.stringify(response) },
      token,
    );
    expect(registered.errors).toBeUndefined();
  });
});
