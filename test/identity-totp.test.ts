import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { Secret, TOTP } from 'otpauth';
import { defaultBruteForce } from '../subgraphs/identity/src/config.ts';
import {
  adminClient,
  startTestStack,
  uniqueEmail,
  type GraphQLResult,
  type TestStack,
} from './support/stack.ts';
import { SET_PASSWORD, movableClock, signInClient, withoutIpLimits } from './support/sign-in.ts';
import { CREATE_ORGANIZATION } from './support/tenancy-fixtures.ts';

// Second factors through the gateway: an authenticator app enrolled and used to sign in (codes
// computed here from the secret, as an app would), recovery codes, brute force on codes, and
// step-up before a sensitive operation. The identity clock is the test's: a code's time step and
// the step-up's freshness move with it.
const clock = movableClock();
let stack: TestStack;
let db: pg.Client;
let client: ReturnType<typeof signInClient>;
beforeAll(async () => {
  stack = await startTestStack({ identity: { now: clock.now, bruteForce: withoutIpLimits } });
  client = signInClient(stack);
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const PASSWORD = 'seven lanterns over a quiet harbour';
const START = /* GraphQL */ `
  mutation Start {
    startTotpEnrolment {
      secret
      uri
      qrCodeDataUrl
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
const FACTORS = /* GraphQL */ `
  query Factors {
    me {
      secondFactors {
        totp
        recoveryCodesLeft
      }
    }
  }
`;
const WITH_TOTP = /* GraphQL */ `
  mutation WithTotp($challenge: String!, $code: String!) {
    completeSignInWithTotp(challenge: $challenge, code: $code) {
      token
      user {
        id
      }
    }
  }
`;
const WITH_RECOVERY = /* GraphQL */ `
  mutation WithRecovery($challenge: String!, $code: String!) {
    completeSignInWithRecoveryCode(challenge: $challenge, code: $code) {
      token
    }
  }
`;
const STEP_UP_TOTP = /* GraphQL */ `
  mutation StepUp($code: String!) {
    stepUpWithTotp(code: $code) {
      id
      authenticatedAt
      authenticationMethods
    }
  }
`;
const STEP_UP_PASSWORD = /* GraphQL */ `
  mutation StepUpPassword($password: String!) {
    stepUpWithPassword(password: $password) {
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
const REMOVE = /* GraphQL */ `
  mutation Remove {
    removeTotp
  }
`;
const CREATE_KEY = /* GraphQL */ `
  mutation CreateKey($organizationId: ID!) {
    createApiKey(organizationId: $organizationId, name: "partner", scopes: ["projects:read"]) {
      secret
    }
  }
`;
const SESSIONS = /* GraphQL */ `
  query Sessions {
    me {
      sessions {
        current
        authenticationMethods
      }
    }
  }
`;

const codeAt = (secret: string, at = clock.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });
const wrongCode = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
const extensionsOf = (result: GraphQLResult<unknown>) => result.errors?.[0]?.extensions;
const nextStep = () => clock.advance(30_000);

/** A person with a password and a confirmed authenticator app; answers its secret and recovery codes. */
async function enrolled(label: string) {
  const email = uniqueEmail(label);
  const { token, userId } = await stack.signIn(email);
  expect((await stack.graphql(SET_PASSWORD, { newPassword: PASSWORD }, token)).errors).toBeUndefined();
  const started = await stack.graphql<{ startTotpEnrolment: { secret: string; uri: string } }>(
    START,
    {},
    token,
  );
  const { secret } = started.data!.startTotpEnrolment;
  const confirmed = await stack.graphql<{ confirmTotpEnrolment: { codes: string[] } }>(
    CONFIRM,
    { code: codeAt(secret) },
    token,
  );
  expect(confirmed.errors).toBeUndefined();
  nextStep();
  return { email, token, userId, secret, recoveryCodes: confirmed.data!.confirmTotpEnrolment.codes };
}

/** Signs in with the password; answers the challenge the refusal carries. */
async function challengeOf(email: string): Promise<string> {
  const result = await client.withPassword(email, PASSWORD);
  expect(result.data?.signInWithPassword ?? null).toBeNull();
  expect(extensionsOf(result)).toMatchObject({
    code: 'UNAUTHENTICATED',
    reason: 'SECOND_FACTOR_REQUIRED',
    challenge: expect.any(String),
    challengeExpiresAt: expect.any(String),
    factors: expect.arrayContaining(['TOTP']),
  });
  return String(extensionsOf(result)!.challenge);
}

const sessionCount = async (userId: string) =>
  Number(
    (await db.query('select count(*) from identity.sessions where user_id = $1', [userId])).rows[0].count,
  );

describe('enrolling an authenticator app', () => {
  it('shows the secret once with an otpauth URI and a QR code, stores it sealed, and confirms by a first code', async () => {
    const { token, userId } = await stack.signIn(uniqueEmail('totp-enrol'));
    const started = await stack.graphql<{
      startTotpEnrolment: { secret: string; uri: string; qrCodeDataUrl: string };
    }>(START, {}, token);
    expect(started.errors).toBeUndefined();
    const { secret, uri, qrCodeDataUrl } = started.data!.startTotpEnrolment;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Steward:.+\?.*secret=[A-Z2-7]{32}/);
    expect(qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCodeDataUrl.split(',')[1]!, 'base64').toString('utf8')).toMatch(
      /^<svg[\s\S]*<\/svg>\s*$/,
    );
    const stored = await db.query(
      'select secret_ciphertext, confirmed_at from identity.totp_factors where user_id = $1',
      [userId],
    );
    expect(stored.rows).toEqual([{ secret_ciphertext: expect.stringMatching(/^v1\./), confirmed_at: null }]);
    expect(stored.rows[0].secret_ciphertext).not.toContain(secret);

    // Not a factor before confirmation; a wrong first code confirms nothing.
    expect((await stack.graphql(FACTORS, {}, token)).data).toEqual({
      me: { secondFactors: { totp: false, recoveryCodesLeft: 0 } },
    });
    const wrong = await stack.graphql(CONFIRM, { code: wrongCode(codeAt(secret)) }, token);
    expect(extensionsOf(wrong)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CODE' });
    expect(extensionsOf(await stack.graphql(CONFIRM, { code: '12ab' }, token))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });

    const confirmed = await stack.graphql<{ confirmTotpEnrolment: { codes: string[] } }>(
      CONFIRM,
      { code: codeAt(secret) },
      token,
    );
    expect(confirmed.errors).toBeUndefined();
    const codes = confirmed.data!.confirmTotpEnrolment.codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await stack.graphql(FACTORS, {}, token)).data).toEqual({
      me: { secondFactors: { totp: true, recoveryCodesLeft: 10 } },
    });
    const hashes = await db.query('select code_hash from identity.recovery_codes where user_id = $1', [
      userId,
    ]);
    expect(hashes.rows).toHaveLength(10);
    expect(JSON.stringify(hashes.rows)).not.toContain(codes[0]!.replace('-', ''));
    // A second enrolment while one stands is refused.
    expect(extensionsOf(await stack.graphql(START, {}, token))).toMatchObject({
      code: 'CONFLICT',
      reason: 'TOTP_ENROLLED',
    });
    const events = await db.query(
      `select event->>'action' as action from identity.audit_outbox
        where event->'target'->>'id' = $1 order by id`,
      [userId],
    );
    expect(events.rows.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'identity.totp.enrolment_started',
        'identity.totp.enrolled',
        'identity.recovery_codes.generated',
      ]),
    );
  });

  it('refuses anonymous callers', async () => {
    expect(extensionsOf(await stack.graphql(START))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('signing in with a second factor', () => {
  it('answers a challenge instead of a session, completed by a code of the app, once', async () => {
    const { email, userId, secret } = await enrolled('totp-sign-in');
    const before = await sessionCount(userId);
    const challenge = await challengeOf(email);
    expect(await sessionCount(userId)).toBe(before);

    const wrong = await stack.graphql(WITH_TOTP, { challenge, code: wrongCode(codeAt(secret)) });
    expect(extensionsOf(wrong)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CODE' });
    const code = codeAt(secret);
    const signedIn = await stack.graphql<{ completeSignInWithTotp: { token: string; user: { id: string } } }>(
      WITH_TOTP,
      { challenge, code },
    );
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.completeSignInWithTotp.user.id).toBe(userId);
    const token = signedIn.data!.completeSignInWithTotp.token;
    const sessions = await stack.graphql<{
      me: { sessions: { current: boolean; authenticationMethods: string[] }[] };
    }>(SESSIONS, {}, token);
    expect(sessions.data!.me.sessions.find((s) => s.current)).toEqual({
      current: true,
      authenticationMethods: ['PASSWORD', 'TOTP'],
    });

    // The challenge is spent; the same code is spent too, even on a new challenge.
    expect(extensionsOf(await stack.graphql(WITH_TOTP, { challenge, code: codeAt(secret) }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'CHALLENGE_EXPIRED',
    });
    const again = await challengeOf(email);
    expect(extensionsOf(await stack.graphql(WITH_TOTP, { challenge: again, code }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'INVALID_CODE',
    });
    nextStep();
    expect(
      (await stack.graphql(WITH_TOTP, { challenge: again, code: codeAt(secret) })).errors,
    ).toBeUndefined();
    const attempts = await db.query(
      `select method, outcome from identity.sign_in_attempts where user_id = $1 and method = 'TOTP' order by occurred_at, seq`,
      [userId],
    );
    expect(attempts.rows.map((row) => row.outcome)).toEqual(['FAILURE', 'SUCCESS', 'FAILURE', 'SUCCESS']);
  });

  it('a challenge expires after minutes', async () => {
    const { email, secret } = await enrolled('totp-expiry');
    const challenge = await challengeOf(email);
    clock.advance(6 * 60_000);
    expect(extensionsOf(await stack.graphql(WITH_TOTP, { challenge, code: codeAt(secret) }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'CHALLENGE_EXPIRED',
    });
  });

  it('takes each recovery code once', async () => {
    const { email, token, recoveryCodes } = await enrolled('totp-recovery');
    const [first, second] = recoveryCodes;
    expect(
      (await stack.graphql(WITH_RECOVERY, { challenge: await challengeOf(email), code: first })).errors,
    ).toBeUndefined();
    const reused = await stack.graphql(WITH_RECOVERY, { challenge: await challengeOf(email), code: first });
    expect(extensionsOf(reused)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CODE' });
    // Typed in lower case without its dash, it is the same code.
    const typed = second!.toLowerCase().replace('-', '');
    expect(
      (await stack.graphql(WITH_RECOVERY, { challenge: await challengeOf(email), code: typed })).errors,
    ).toBeUndefined();
    expect((await stack.graphql(FACTORS, {}, token)).data).toEqual({
      me: { secondFactors: { totp: true, recoveryCodesLeft: 8 } },
    });
  });
});

describe('brute force on second-factor codes', () => {
  const { delayAfter, lockAfter } = defaultBruteForce.account;

  it('40 wrong codes at once are counted as 40, only the free tries checked; the lock holds for the right code', async () => {
    const { email, userId, secret } = await enrolled('totp-race');
    const challenge = await challengeOf(email);
    const right = codeAt(secret);

    const results = await Promise.all(
      Array.from({ length: 40 }, () => stack.graphql(WITH_TOTP, { challenge, code: wrongCode(right) })),
    );

    for (const result of results) {
      expect(extensionsOf(result)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CODE' });
    }
    const { rows } = await db.query<{ outcome: string }>(
      `select outcome from identity.sign_in_attempts where user_id = $1 and method = 'TOTP'`,
      [userId],
    );
    const failures = rows.filter((row) => row.outcome === 'FAILURE').length;
    expect(rows).toHaveLength(40);
    expect(failures).toBeLessThanOrEqual(delayAfter);
    const throttle = await db.query('select failures from identity.sign_in_throttles where key = $1', [
      `email:${email}`,
    ]);
    expect(throttle.rows).toEqual([{ failures: lockAfter }]);
    expect(extensionsOf(await stack.graphql(WITH_TOTP, { challenge, code: right }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'INVALID_CODE',
    });
    // Recovery codes and step-ups count on the same account.
    expect(
      extensionsOf(await stack.graphql(WITH_RECOVERY, { challenge, code: 'AAAAA-AAAAA' })),
    ).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});

describe('step-up', () => {
  it('refuses a sensitive operation on a stale session with a coded step, and takes it after a fresh factor', async () => {
    const { token, userId, secret } = await enrolled('totp-step-up');
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      CREATE_ORGANIZATION,
      { name: 'Step-up org' },
      token,
    );
    const organizationId = created.data!.createOrganization.id;
    clock.advance(6 * 60_000);

    const stale = await stack.graphql(CREATE_KEY, { organizationId }, token);
    expect(extensionsOf(stale)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_REQUIRED',
      factors: ['TOTP', 'RECOVERY_CODE'],
    });
    // A password is no step-up for a person with a second factor.
    expect(extensionsOf(await stack.graphql(STEP_UP_PASSWORD, { password: PASSWORD }, token))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_METHOD_NOT_ALLOWED',
    });
    expect(
      extensionsOf(await stack.graphql(STEP_UP_TOTP, { code: wrongCode(codeAt(secret)) }, token)),
    ).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'INVALID_CODE',
    });
    const stepped = await stack.graphql<{
      stepUpWithTotp: { authenticatedAt: string; authenticationMethods: string[] };
    }>(STEP_UP_TOTP, { code: codeAt(secret) }, token);
    expect(stepped.errors).toBeUndefined();
    expect(new Date(stepped.data!.stepUpWithTotp.authenticatedAt).getTime()).toBe(clock.now().getTime());
    expect(stepped.data!.stepUpWithTotp.authenticationMethods).toContain('TOTP');
    expect((await stack.graphql(CREATE_KEY, { organizationId }, token)).errors).toBeUndefined();

    const events = await db.query(
      `select event->'metadata'->>'method' as method from identity.audit_outbox
        where event->>'action' = 'identity.step_up' and event->'target'->>'id' = $1`,
      [userId],
    );
    expect(events.rows).toEqual([{ method: 'TOTP' }]);
  });

  it('removing the app needs a step-up; after it, signing in needs no second factor', async () => {
    const { email, token, userId, secret } = await enrolled('totp-remove');
    clock.advance(6 * 60_000);
    expect(extensionsOf(await stack.graphql(REMOVE, {}, token))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_REQUIRED',
    });
    expect((await stack.graphql(STEP_UP_TOTP, { code: codeAt(secret) }, token)).errors).toBeUndefined();
    expect((await stack.graphql(REMOVE, {}, token)).data).toEqual({ removeTotp: true });
    expect((await stack.graphql(FACTORS, {}, token)).data).toEqual({
      me: { secondFactors: { totp: false, recoveryCodesLeft: 0 } },
    });
    const signedIn = await client.withPassword(email, PASSWORD);
    expect(signedIn.errors).toBeUndefined();
    const rows = await db.query('select count(*)::int as n from identity.totp_factors where user_id = $1', [
      userId,
    ]);
    expect(rows.rows).toEqual([{ n: 0 }]);
  });

  it('a person without a second factor steps up with their password', async () => {
    const email = uniqueEmail('step-up-password');
    const { token } = await stack.signIn(email);
    expect((await stack.graphql(SET_PASSWORD, { newPassword: PASSWORD }, token)).errors).toBeUndefined();
    clock.advance(6 * 60_000);
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      CREATE_ORGANIZATION,
      { name: 'Password step-up org' },
      token,
    );
    const organizationId = created.data!.createOrganization.id;
    expect(extensionsOf(await stack.graphql(CREATE_KEY, { organizationId }, token))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_REQUIRED',
      factors: ['PASSWORD', 'EMAIL_CODE', 'SIGN_IN'],
    });
    expect(
      extensionsOf(await stack.graphql(STEP_UP_PASSWORD, { password: 'not it at all' }, token)),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect((await stack.graphql(STEP_UP_PASSWORD, { password: PASSWORD }, token)).errors).toBeUndefined();
    expect((await stack.graphql(CREATE_KEY, { organizationId }, token)).errors).toBeUndefined();
  });

  it('a person with neither steps up with a code mailed to their address', async () => {
    const email = uniqueEmail('step-up-mail');
    const { token } = await stack.signIn(email);
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      CREATE_ORGANIZATION,
      { name: 'Mail step-up org' },
      token,
    );
    const organizationId = created.data!.createOrganization.id;
    clock.advance(6 * 60_000);
    expect(extensionsOf(await stack.graphql(CREATE_KEY, { organizationId }, token))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_REQUIRED',
      factors: ['EMAIL_CODE', 'SIGN_IN'],
    });
    const code = await client.requestCode(email);
    expect(
      extensionsOf(await stack.graphql(STEP_UP_EMAIL_CODE, { code: wrongCode(code) }, token)),
    ).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CODE' });
    expect((await stack.graphql(STEP_UP_EMAIL_CODE, { code }, token)).errors).toBeUndefined();
    expect((await stack.graphql(CREATE_KEY, { organizationId }, token)).errors).toBeUndefined();
    // Spent: the same code steps up no more.
    expect(extensionsOf(await stack.graphql(STEP_UP_EMAIL_CODE, { code }, token))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});
