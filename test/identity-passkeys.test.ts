import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { initOrm, type EntityManager } from '../subgraphs/runtime/orm.ts';
import { identityEntities } from '../subgraphs/identity/src/module.ts';
import {
  startPasskeyAssertion,
  verifyPasskeyAssertion,
} from '../subgraphs/identity/src/passkey/passkey-second-factor.ts';
import { PasskeyRefusal } from '../subgraphs/identity/src/passkey/passkey-refusal.ts';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { readExportStream, SUBJECT_EXPORT_PATH } from '../contracts/subject-data-export.ts';
import { internalToken } from './support/audit-helpers.ts';
import { testEnvironment } from './support/test-env.ts';
import { defaultBruteForce } from '../subgraphs/identity/src/config.ts';
import {
  adminClient,
  startTestStack,
  uniqueEmail,
  type GraphQLResult,
  type TestStack,
} from './support/stack.ts';
import { REQUEST_CODE, latestCode, movableClock, withoutIpLimits } from './support/sign-in.ts';
import { SoftwareAuthenticator, type ClientOverrides } from './support/software-authenticator.ts';

// Passkeys end to end through the gateway, answered by a software authenticator with real keys,
// attestation objects and signatures: registration (formats none and packed), the list, rename and
// removal, passwordless sign-in, and every way an answer is refused (replay, origin, rp id,
// challenge, cloned counter, another account's passkey, malformed input, brute force).

const RP_ID = 'steward.test';
const ORIGIN = 'https://app.steward.test';
const browser: ClientOverrides = { origin: ORIGIN };
const clock = movableClock();
const webauthn = { rpId: RP_ID, rpName: 'Steward tests', origins: [ORIGIN] };
let stack: TestStack;
let db: pg.Client;
let orm: MikroORM;
beforeAll(async () => {
  stack = await startTestStack({
    identity: {
      now: clock.now,
      bruteForce: withoutIpLimits,
      webauthn,
    },
  });
  db = await adminClient();
  // The second factor is called in-process by the factors' challenge: as identity's runtime role.
  const env = testEnvironment();
  orm = await initOrm({
    subgraph: 'identity',
    clientUrl: urlForRole(env.databaseUrl, rolesOf('identity').runtime, env.dbSecret),
    entities: identityEntities,
    migrations: [],
    poolMax: 2,
  });
});
afterAll(async () => {
  await orm?.close(true);
  await db?.end();
  await stack?.close();
});

const STEP_UP_EMAIL_CODE = /* GraphQL */ `
  mutation StepUpEmailCode($code: String!) {
    stepUpWithEmailCode(code: $code) {
      id
    }
  }
`;
const START_REGISTRATION = /* GraphQL */ `
  mutation StartRegistration {
    startPasskeyRegistration {
      options
      expiresAt
    }
  }
`;
const COMPLETE_REGISTRATION = /* GraphQL */ `
  mutation CompleteRegistration($name: String!, $response: String!) {
    completePasskeyRegistration(name: $name, response: $response) {
      id
      name
      createdAt
      lastUsedAt
      backedUp
    }
  }
`;
const MY_PASSKEYS = /* GraphQL */ `
  query MyPasskeys {
    me {
      passkeys {
        id
        name
        createdAt
        lastUsedAt
      }
    }
  }
`;
const RENAME = /* GraphQL */ `
  mutation Rename($id: ID!, $name: String!) {
    renamePasskey(id: $id, name: $name) {
      id
      name
    }
  }
`;
const REMOVE = /* GraphQL */ `
  mutation Remove($id: ID!) {
    removePasskey(id: $id)
  }
`;
const START_SIGN_IN = /* GraphQL */ `
  mutation StartSignIn($email: String) {
    startPasskeySignIn(email: $email) {
      ceremonyId
      options
      expiresAt
    }
  }
`;
const SIGN_IN = /* GraphQL */ `
  mutation SignInWithPasskey($ceremonyId: ID!, $response: String!) {
    signInWithPasskey(ceremonyId: $ceremonyId, response: $response) {
      token
      user {
        id
        email
      }
      session {
        id
        ip
        deviceType
        authenticationMethods
      }
    }
  }
`;

interface SignInData {
  token: string;
  user: { id: string; email: string };
  session: { id: string; ip: string | null; deviceType: string; authenticationMethods: string[] };
}
interface PasskeyData {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp?: boolean;
}

const answer = (result: GraphQLResult) =>
  result.errors?.map((e) => ({ code: e.extensions?.code, reason: e.extensions?.reason })) ?? [];

async function register(token: string, authenticator: SoftwareAuthenticator, name: string) {
  const started = await stack.graphql<{ startPasskeyRegistration: { options: string } }>(
    START_REGISTRATION,
    {},
    token,
  );
  const response = authenticator.create(started.data!.startPasskeyRegistration.options, browser);
  const result = await stack.graphql<{ completePasskeyRegistration: PasskeyData }>(
    COMPLETE_REGISTRATION,
    { name, response: JSON.stringify(response) },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.completePasskeyRegistration;
}

async function startSignIn(email?: string) {
  const result = await stack.graphql<{ startPasskeySignIn: { ceremonyId: string; options: string } }>(
    START_SIGN_IN,
    email ? { email } : {},
  );
  expect(result.errors).toBeUndefined();
  return result.data!.startPasskeySignIn;
}

const signIn = (ceremonyId: string, response: unknown) =>
  stack.graphql<{ signInWithPasskey: SignInData }>(SIGN_IN, {
    ceremonyId,
    response: typeof response === 'string' ? response : JSON.stringify(response),
  });

/** A fresh user with a passkey of each attestation format. */
async function userWithPasskeys(label: string) {
  const email = uniqueEmail(label);
  const { token, userId } = await stack.signIn(email);
  const phone = new SoftwareAuthenticator('none');
  const key = new SoftwareAuthenticator('packed');
  const phonePasskey = await register(token, phone, 'Phone');
  clock.advance(1000);
  const keyPasskey = await register(token, key, 'Security key');
  return { email, token, userId, phone, key, phonePasskey, keyPasskey };
}

const passkeyRow = async (id: string) =>
  (
    await db.query<{ sign_count: string; last_used_at: Date | null; attestation_format: string }>(
      'select sign_count, last_used_at, attestation_format from identity.passkeys where id = $1',
      [id],
    )
  ).rows[0];

/** The reason audited for a refused answer to a ceremony. */
async function auditedReason(ceremonyId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ reason: string }>(
    `select event->'metadata'->>'reason' as reason from identity.audit_outbox
      where event->>'action' = 'identity.passkey.assertion_failed' and event->'metadata'->>'ceremonyId' = $1`,
    [ceremonyId],
  );
  return rows.map((row) => row.reason).join(',') || undefined;
}

const sessionCount = async (userId: string) =>
  Number(
    (await db.query('select count(*) from identity.sessions where user_id = $1', [userId])).rows[0].count,
  );

describe('passkey registration', () => {
  it('registers passkeys of attestation formats none and packed, listed with names and times, audited', async () => {
    const { token, userId, phonePasskey, keyPasskey } = await userWithPasskeys('register');

    expect(phonePasskey).toMatchObject({ name: 'Phone', lastUsedAt: null, backedUp: false });
    expect((await passkeyRow(phonePasskey.id))?.attestation_format).toBe('none');
    expect((await passkeyRow(keyPasskey.id))?.attestation_format).toBe('packed');
    const listed = await stack.graphql<{ me: { passkeys: PasskeyData[] } }>(MY_PASSKEYS, {}, token);
    expect(listed.data?.me.passkeys).toEqual([
      { id: phonePasskey.id, name: 'Phone', createdAt: expect.any(String), lastUsedAt: null },
      { id: keyPasskey.id, name: 'Security key', createdAt: expect.any(String), lastUsedAt: null },
    ]);
    const { rows } = await db.query(
      `select event->'metadata'->>'attestationFormat' as format from identity.audit_outbox
        where event->>'action' = 'identity.passkey.registered' and event->'target'->>'id' = $1
        order by occurred_at`,
      [userId],
    );
    expect(rows).toEqual([{ format: 'none' }, { format: 'packed' }]);
  });

  it('refuses a replayed registration answer, a wrong origin, a wrong rp id and an expired challenge: nothing stored', async () => {
    const email = uniqueEmail('register-refused');
    const { token, userId } = await stack.signIn(email);
    const authenticator = new SoftwareAuthenticator('packed');
    const start = async () =>
      (await stack.graphql<{ startPasskeyRegistration: { options: string } }>(START_REGISTRATION, {}, token))
        .data!.startPasskeyRegistration.options;
    const complete = (response: unknown) =>
      stack.graphql(COMPLETE_REGISTRATION, { name: 'Key', response: JSON.stringify(response) }, token);

    const wrongOrigin = await complete(authenticator.create(await start(), { origin: 'https://evil.test' }));
    const wrongRpId = await complete(authenticator.create(await start(), { ...browser, rpId: 'evil.test' }));
    const late = await start();
    clock.advance(6 * 60_000);
    const expired = await complete(authenticator.create(late, browser));
    // The session is stale now too: registering again takes a step-up (a mailed code).
    expect((await stack.graphql(REQUEST_CODE, { email })).errors).toBeUndefined();
    const stepUp = await stack.graphql(STEP_UP_EMAIL_CODE, { code: latestCode(stack, email) }, token);
    expect(stepUp.errors).toBeUndefined();
    const good = authenticator.create(await start(), browser);
    expect((await complete(good)).errors).toBeUndefined();
    const replayed = await complete(good);

    expect(answer(wrongOrigin)).toEqual([{ code: 'UNAUTHENTICATED', reason: 'PASSKEY_REFUSED' }]);
    expect(answer(wrongRpId)).toEqual([{ code: 'UNAUTHENTICATED', reason: 'PASSKEY_REFUSED' }]);
    expect(answer(expired)).toEqual([{ code: 'UNAUTHENTICATED', reason: 'PASSKEY_CHALLENGE_EXPIRED' }]);
    expect(answer(replayed)).toEqual([{ code: 'UNAUTHENTICATED', reason: 'PASSKEY_CHALLENGE_EXPIRED' }]);
    const { rows } = await db.query(
      `select event->'metadata'->>'reason' as reason from identity.audit_outbox
        where event->>'action' = 'identity.passkey.registration_failed' and event->'target'->>'id' = $1
        order by occurred_at`,
      [userId],
    );
    expect(rows.map((r) => r.reason)).toEqual([
      'ORIGIN_MISMATCH',
      'RP_ID_MISMATCH',
      'CHALLENGE_EXPIRED',
      'CHALLENGE_EXPIRED',
    ]);
    const stored = await db.query('select count(*) from identity.passkeys where user_id = $1', [userId]);
    expect(stored.rows[0].count).toBe('1');
  });

  it("refuses another user's registration challenge, malformed JSON and a bad name with coded errors", async () => {
    const alice = await stack.signIn(uniqueEmail('alice'));
    const mallory = await stack.signIn(uniqueEmail('mallory'));
    const options = (
      await stack.graphql<{ startPasskeyRegistration: { options: string } }>(
        START_REGISTRATION,
        {},
        alice.token,
      )
    ).data!.startPasskeyRegistration.options;
    const response = JSON.stringify(new SoftwareAuthenticator().create(options, browser));

    const stolen = await stack.graphql(COMPLETE_REGISTRATION, { name: 'Key', response }, mallory.token);
    const malformed = await stack.graphql(
      COMPLETE_REGISTRATION,
      { name: 'Key', response: '{"id": "abc", ' },
      alice.token,
    );
    const notACredential = await stack.graphql(
      COMPLETE_REGISTRATION,
      { name: 'Key', response: '{"id": 1}' },
      alice.token,
    );
    const badName = await stack.graphql(COMPLETE_REGISTRATION, { name: ' ', response }, alice.token);
    const anonymous = await stack.graphql(START_REGISTRATION, {});

    expect(answer(stolen)).toEqual([{ code: 'UNAUTHENTICATED', reason: 'PASSKEY_CHALLENGE_EXPIRED' }]);
    expect(answer(malformed)).toEqual([{ code: 'BAD_USER_INPUT', reason: undefined }]);
    expect(answer(notACredential)).toEqual([{ code: 'BAD_USER_INPUT', reason: undefined }]);
    expect(answer(badName)).toEqual([{ code: 'BAD_USER_INPUT', reason: undefined }]);
    expect(answer(anonymous)).toEqual([{ code: 'UNAUTHENTICATED', reason: undefined }]);
    const stored = await db.query('select count(*) from identity.passkeys where user_id = any($1::uuid[])', [
      [alice.userId, mallory.userId],
    ]);
    expect(stored.rows[0].count).toBe('0');
    // Alice's challenge was not spent by the refusals: her own answer still registers the passkey.
    const completed = await stack.graphql(COMPLETE_REGISTRATION, { name: 'Key', response }, alice.token);
    expect(completed.errors).toBeUndefined();
  });
});

describe('passwordless sign-in with a passkey', () => {
  it('signs in with each passkey, with and without an email, recording the method, device and IP; last use moves', async () => {
    const { email, userId, phone, key, phonePasskey, keyPasskey } = await userWithPasskeys('sign-in');

    const discoverable = await startSignIn();
    const withPhone = await signIn(discoverable.ceremonyId, phone.get(discoverable.options, browser));
    const named = await startSignIn(email.toUpperCase());
    const withKey = await signIn(named.ceremonyId, key.get(named.options, browser));

    for (const result of [withPhone, withKey]) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.signInWithPasskey).toMatchObject({
        token: expect.any(String),
        user: { id: userId, email },
        session: { ip: '127.0.0.1', deviceType: 'DESKTOP', authenticationMethods: ['PASSKEY'] },
      });
    }
    const me = await stack.graphql<{ me: { passkeys: PasskeyData[] } }>(
      MY_PASSKEYS,
      {},
      withKey.data!.signInWithPasskey.token,
    );
    expect(me.data?.me.passkeys.map((p) => p.lastUsedAt)).toEqual([
      clock.now().toISOString(),
      clock.now().toISOString(),
    ]);
    expect(await passkeyRow(phonePasskey.id)).toMatchObject({ sign_count: '1' });
    expect(await passkeyRow(keyPasskey.id)).toMatchObject({ sign_count: '1' });
    const { rows } = await db.query(
      `select method, outcome, ip, user_agent, device_type from identity.sign_in_attempts
        where user_id = $1 and method = 'PASSKEY' order by seq`,
      [userId],
    );
    expect(rows).toEqual(
      Array(2).fill({
        method: 'PASSKEY',
        outcome: 'SUCCESS',
        ip: '127.0.0.1',
        user_agent: expect.any(String),
        device_type: expect.any(String),
      }),
    );
  });

  it('refuses a replayed assertion, a wrong origin, a wrong rp id, a wrong challenge and an unverified user: nothing changes', async () => {
    const { userId, phone, phonePasskey } = await userWithPasskeys('refused');
    const first = await startSignIn();
    const good = phone.get(first.options, browser);
    expect((await signIn(first.ceremonyId, good)).errors).toBeUndefined();
    const before = await passkeyRow(phonePasskey.id);
    const sessions = await sessionCount(userId);

    const cases: [string, () => Promise<{ ceremonyId: string; result: GraphQLResult }>][] = [
      [
        'replayed',
        async () => ({ ceremonyId: first.ceremonyId, result: await signIn(first.ceremonyId, good) }),
      ],
      [
        'replayed to a new ceremony',
        async () => {
          const { ceremonyId } = await startSignIn();
          return { ceremonyId, result: await signIn(ceremonyId, good) };
        },
      ],
      [
        'wrong origin',
        async () => {
          const { ceremonyId, options } = await startSignIn();
          const response = phone.get(options, { origin: 'https://app.steward.test.evil.test' });
          return { ceremonyId, result: await signIn(ceremonyId, response) };
        },
      ],
      [
        'wrong rp id',
        async () => {
          const { ceremonyId, options } = await startSignIn();
          return {
            ceremonyId,
            result: await signIn(ceremonyId, phone.get(options, { ...browser, rpId: 'evil.test' })),
          };
        },
      ],
      [
        'wrong challenge',
        async () => {
          const other = await startSignIn();
          const { ceremonyId, options } = await startSignIn();
          const response = phone.get(options, { ...browser, challenge: JSON.parse(other.options).challenge });
          return { ceremonyId, result: await signIn(ceremonyId, response) };
        },
      ],
      [
        'unverified user',
        async () => {
          const { ceremonyId, options } = await startSignIn();
          return {
            ceremonyId,
            result: await signIn(ceremonyId, phone.get(options, { ...browser, unverified: true })),
          };
        },
      ],
    ];
    const outcomes: Record<string, unknown> = {};
    for (const [label, run] of cases) {
      // Past the growing delay between failures (brute-force limits): every answer is checked.
      clock.advance(60_000);
      const { ceremonyId, result } = await run();
      outcomes[label] = { errors: answer(result), audited: await auditedReason(ceremonyId) };
    }

    const refused = [{ code: 'UNAUTHENTICATED', reason: 'PASSKEY_REFUSED' }];
    expect(outcomes).toEqual({
      replayed: {
        errors: [{ code: 'UNAUTHENTICATED', reason: 'PASSKEY_CHALLENGE_EXPIRED' }],
        audited: 'CHALLENGE_EXPIRED',
      },
      'replayed to a new ceremony': { errors: refused, audited: 'CHALLENGE_MISMATCH' },
      'wrong origin': { errors: refused, audited: 'ORIGIN_MISMATCH' },
      'wrong rp id': { errors: refused, audited: 'RP_ID_MISMATCH' },
      'wrong challenge': { errors: refused, audited: 'CHALLENGE_MISMATCH' },
      'unverified user': { errors: refused, audited: 'USER_NOT_VERIFIED' },
    });
    expect(await passkeyRow(phonePasskey.id)).toEqual(before);
    expect(await sessionCount(userId)).toBe(sessions);
    const { rows } = await db.query(
      `select outcome from identity.sign_in_attempts where user_id = $1 and method = 'PASSKEY' order by seq`,
      [userId],
    );
    expect(rows.map((r) => r.outcome)).toEqual(['SUCCESS', ...Array(6).fill('FAILURE')]);
  });

  it('refuses an expired ceremony', async () => {
    const { phone } = await userWithPasskeys('expired');
    const { ceremonyId, options } = await startSignIn();
    clock.advance(5 * 60_000 + 1);
    const result = await signIn(ceremonyId, phone.get(options, browser));
    expect(answer(result)).toEqual([{ code: 'UNAUTHENTICATED', reason: 'PASSKEY_CHALLENGE_EXPIRED' }]);
    expect(await auditedReason(ceremonyId)).toBe('CHALLENGE_EXPIRED');
  });

  it('refuses a cloned authenticator whose counter goes backwards, and audits it', async () => {
    const { userId, key, keyPasskey } = await userWithPasskeys('clone');
    const clone = key.clone();
    for (let i = 0; i < 2; i++) {
      const { ceremonyId, options } = await startSignIn();
      expect((await signIn(ceremonyId, key.get(options, browser))).errors).toBeUndefined();
    }
    const sessions = await sessionCount(userId);

    const { ceremonyId, options } = await startSignIn();
    const result = await signIn(ceremonyId, clone.get(options, browser));

    expect(answer(result)).toEqual([{ code: 'UNAUTHENTICATED', reason: 'PASSKEY_REFUSED' }]);
    expect(await auditedReason(ceremonyId)).toBe('COUNTER_REGRESSION');
    expect(await passkeyRow(keyPasskey.id)).toMatchObject({ sign_count: '2' });
    expect(await sessionCount(userId)).toBe(sessions);
  });

  it("refuses another account's passkey when the sign-in names an address (NOT_FOUND), and an unknown one", async () => {
    const alice = await userWithPasskeys('alice-sign-in');
    const bob = await userWithPasskeys('bob-sign-in');
    const started = await startSignIn(alice.email);
    const unknown = await startSignIn();

    const withBobs = await signIn(started.ceremonyId, bob.phone.get(started.options, browser));
    // A passkey made for this relying party but never registered here.
    const stray = new SoftwareAuthenticator();
    stray.create(
      JSON.stringify({
        challenge: 'c3RyYXk',
        rp: { id: RP_ID, name: 'Steward' },
        user: { id: 'c3RyYXk', name: 'stray' },
        pubKeyCredParams: [{ alg: -7 }],
      }),
      browser,
    );
    const withUnregistered = await signIn(unknown.ceremonyId, stray.get(unknown.options, browser));

    expect(answer(withBobs)).toEqual([{ code: 'NOT_FOUND', reason: undefined }]);
    expect(answer(withUnregistered)).toEqual([{ code: 'NOT_FOUND', reason: undefined }]);
    expect(await auditedReason(started.ceremonyId)).toBe('UNKNOWN_CREDENTIAL');
    expect(await passkeyRow(bob.phonePasskey.id)).toMatchObject({ sign_count: '0', last_used_at: null });
  });

  it('answers malformed input with BAD_USER_INPUT, counting nothing', async () => {
    const email = uniqueEmail('malformed');
    const { ceremonyId } = await startSignIn(email);
    const results = [
      await signIn(ceremonyId, '{not json'),
      await signIn(ceremonyId, '{"id":"abc","rawId":"abc","type":"public-key"}'),
      await signIn('not-an-id', '{}'),
      await stack.graphql(START_SIGN_IN, { email: 'not an address' }),
    ];
    expect(results.map(answer)).toEqual(Array(4).fill([{ code: 'BAD_USER_INPUT', reason: undefined }]));
    const { rows } = await db.query('select count(*) from identity.sign_in_attempts where email = $1', [
      email,
    ]);
    expect(rows[0].count).toBe('0');
  });
});

describe('managing passkeys', () => {
  it('renames and removes a passkey; the other still signs in; the removed one no longer does', async () => {
    const { token, userId, phone, key, phonePasskey, keyPasskey } = await userWithPasskeys('manage');

    const renamed = await stack.graphql(RENAME, { id: keyPasskey.id, name: '  YubiKey 5  ' }, token);
    expect(renamed.data).toEqual({ renamePasskey: { id: keyPasskey.id, name: 'YubiKey 5' } });
    const removed = await stack.graphql(REMOVE, { id: phonePasskey.id }, token);
    expect(removed.data).toEqual({ removePasskey: true });

    const listed = await stack.graphql<{ me: { passkeys: PasskeyData[] } }>(MY_PASSKEYS, {}, token);
    expect(listed.data?.me.passkeys.map((p) => [p.id, p.name])).toEqual([[keyPasskey.id, 'YubiKey 5']]);
    const withRemoved = await startSignIn();
    expect(answer(await signIn(withRemoved.ceremonyId, phone.get(withRemoved.options, browser)))).toEqual([
      { code: 'NOT_FOUND', reason: undefined },
    ]);
    const withOther = await startSignIn();
    expect((await signIn(withOther.ceremonyId, key.get(withOther.options, browser))).errors).toBeUndefined();
    const { rows } = await db.query(
      `select event->>'action' as action, event->'metadata'->>'passkeyId' as passkey from identity.audit_outbox
        where event->>'action' in ('identity.passkey.renamed', 'identity.passkey.removed')
          and event->'target'->>'id' = $1 order by occurred_at`,
      [userId],
    );
    expect(rows).toEqual([
      { action: 'identity.passkey.renamed', passkey: keyPasskey.id },
      { action: 'identity.passkey.removed', passkey: phonePasskey.id },
    ]);
  });

  it("answers NOT_FOUND for another user's passkey, and needs a recent sign-in to remove one", async () => {
    const alice = await userWithPasskeys('alice-manage');
    const bob = await userWithPasskeys('bob-manage');

    const rename = await stack.graphql(RENAME, { id: bob.keyPasskey.id, name: 'Mine now' }, alice.token);
    const remove = await stack.graphql(REMOVE, { id: bob.keyPasskey.id }, alice.token);
    const notAnId = await stack.graphql(REMOVE, { id: 'nope' }, alice.token);
    const anonymous = await stack.graphql(REMOVE, { id: bob.keyPasskey.id });
    clock.advance(10 * 60_000);
    const stale = await stack.graphql(REMOVE, { id: alice.keyPasskey.id }, alice.token);

    expect(answer(rename)).toEqual([{ code: 'NOT_FOUND', reason: undefined }]);
    expect(answer(remove)).toEqual([{ code: 'NOT_FOUND', reason: undefined }]);
    expect(answer(notAnId)).toEqual([{ code: 'BAD_USER_INPUT', reason: undefined }]);
    expect(answer(anonymous)).toEqual([{ code: 'UNAUTHENTICATED', reason: undefined }]);
    expect(answer(stale)).toEqual([{ code: 'FORBIDDEN', reason: 'REAUTHENTICATION_REQUIRED' }]);
    const { rows } = await db.query(
      'select name from identity.passkeys where id = any($1::uuid[]) order by name',
      [[bob.keyPasskey.id, alice.keyPasskey.id]],
    );
    expect(rows).toEqual([{ name: 'Security key' }, { name: 'Security key' }]);
  });
});

describe('brute force', () => {
  const { delayAfter, lockAfter } = defaultBruteForce.account;

  it('40 refused assertions at once are counted as 40: only the free tries are checked, and the lock holds', async () => {
    const { email, userId, phone } = await userWithPasskeys('race');
    const starts = await Promise.all(Array.from({ length: 40 }, () => startSignIn()));

    const results = await Promise.all(
      starts.map(({ ceremonyId, options }) =>
        signIn(ceremonyId, phone.get(options, { origin: 'https://evil.test' })),
      ),
    );

    expect(new Set(results.map((r) => JSON.stringify(answer(r))))).toEqual(
      new Set([JSON.stringify([{ code: 'UNAUTHENTICATED', reason: 'PASSKEY_REFUSED' }])]),
    );
    const { rows } = await db.query<{ outcome: string }>(
      `select outcome from identity.sign_in_attempts where user_id = $1 and method = 'PASSKEY'`,
      [userId],
    );
    const count = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
    expect(rows).toHaveLength(40);
    expect(count('FAILURE')).toBeLessThanOrEqual(delayAfter);
    expect(count('LOCKED')).toBe(40 - count('FAILURE'));
    const throttle = await db.query(
      'select failures, locked_until from identity.sign_in_throttles where key = $1',
      [`email:${email}`],
    );
    expect(throttle.rows[0]).toEqual({ failures: lockAfter, locked_until: expect.any(Date) });
    // The lock holds: a right answer is refused like a wrong one, and opens no session.
    const sessions = await sessionCount(userId);
    const { ceremonyId, options } = await startSignIn();
    expect(answer(await signIn(ceremonyId, phone.get(options, browser)))).toEqual([
      { code: 'UNAUTHENTICATED', reason: 'PASSKEY_REFUSED' },
    ]);
    expect(await sessionCount(userId)).toBe(sessions);
  });
});

describe('one operation, one answer', () => {
  it('refuses two aliased passkey sign-ins in one operation at the gateway, before either runs', async () => {
    const { userId, phone } = await userWithPasskeys('aliased');
    const { ceremonyId, options } = await startSignIn();
    const response = JSON.stringify(phone.get(options, browser));
    const result = await stack.graphql(
      /* GraphQL */ `
        mutation Twice($ceremonyId: ID!, $response: String!) {
          a: signInWithPasskey(ceremonyId: $ceremonyId, response: $response) {
            token
          }
          b: signInWithPasskey(ceremonyId: $ceremonyId, response: $response) {
            token
          }
        }
      `,
      { ceremonyId, response },
    );
    expect(answer(result)).toEqual([{ code: 'GRAPHQL_VALIDATION_FAILED', reason: undefined }]);
    // The ceremony was not spent: the same answer alone still signs in.
    const sessions = await sessionCount(userId);
    expect((await signIn(ceremonyId, response)).errors).toBeUndefined();
    expect(await sessionCount(userId)).toBe(sessions + 1);
  });
});

describe('a passkey as a second factor (verifyPasskeyAssertion)', () => {
  const options = { now: clock.now, webauthn };
  /** Runs `work` in a transaction of its own, as the factors' challenge would in a request. */
  const inTransaction = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);
  const refusalOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return 'accepted';
    } catch (error) {
      const code = (error as { extensions?: { code?: string } }).extensions?.code;
      return error instanceof PasskeyRefusal ? `${code}:${error.reason}` : code;
    }
  };

  it("verifies the user's answer once, to a ceremony of theirs, with a passkey of theirs", async () => {
    const alice = await userWithPasskeys('alice-factor');
    const bob = await userWithPasskeys('bob-factor');
    const started = await inTransaction((em) => startPasskeyAssertion(em, { userId: alice.userId }, options));
    // The user is known: the options list their passkeys (and only theirs).
    expect(
      JSON.parse(started.options)
        .allowCredentials.map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual([...alice.phone.credentialIds(), ...alice.key.credentialIds()].sort());
    const answer = JSON.stringify(alice.key.get(started.options, browser));

    const asBob = await refusalOf(
      inTransaction((em) =>
        verifyPasskeyAssertion(
          em,
          { userId: bob.userId, ceremonyId: started.ceremonyId, response: answer },
          options,
        ),
      ),
    );
    const verified = await inTransaction((em) =>
      verifyPasskeyAssertion(
        em,
        { userId: alice.userId, ceremonyId: started.ceremonyId, response: answer },
        options,
      ),
    );
    const replayed = await refusalOf(
      inTransaction((em) =>
        verifyPasskeyAssertion(
          em,
          { userId: alice.userId, ceremonyId: started.ceremonyId, response: answer },
          options,
        ),
      ),
    );
    const forBob = await inTransaction((em) => startPasskeyAssertion(em, { userId: bob.userId }, options));
    const alicesKeyForBob = await refusalOf(
      inTransaction((em) =>
        verifyPasskeyAssertion(
          em,
          {
            userId: bob.userId,
            ceremonyId: forBob.ceremonyId,
            response: JSON.stringify(alice.key.get(forBob.options, browser, alice.key.credentialIds()[0])),
          },
          options,
        ),
      ),
    );
    const malformed = await refusalOf(
      inTransaction((em) =>
        verifyPasskeyAssertion(
          em,
          { userId: bob.userId, ceremonyId: forBob.ceremonyId, response: 'nope' },
          options,
        ),
      ),
    );

    // Bob's attempt did not spend Alice's ceremony: it is bound to her.
    expect(asBob).toBe('UNAUTHENTICATED:CHALLENGE_EXPIRED');
    expect(verified).toMatchObject({ id: alice.keyPasskey.id, userId: alice.userId });
    expect(await passkeyRow(alice.keyPasskey.id)).toMatchObject({
      sign_count: '1',
      last_used_at: clock.now(),
    });
    expect(replayed).toBe('UNAUTHENTICATED:CHALLENGE_EXPIRED');
    expect(alicesKeyForBob).toBe('NOT_FOUND:UNKNOWN_CREDENTIAL');
    expect(malformed).toBe('BAD_USER_INPUT');
  });
});

describe('lifecycle', () => {
  it("exports a user's passkeys with their name and times, never the key or credential id", async () => {
    const { userId, keyPasskey, phonePasskey } = await userWithPasskeys('export');
    const response = await fetch(
      new URL(`${SUBJECT_EXPORT_PATH}?userId=${userId}`, stack.subgraphs.identity!.url),
      {
        headers: {
          authorization: `Bearer ${await internalToken('identity', { kind: 'system', service: 'lifecycle' })}`,
        },
      },
    );
    expect(response.status).toBe(200);
    const records = readExportStream(await response.text()).get('Passkey');
    expect(records).toEqual(
      expect.arrayContaining(
        [phonePasskey, keyPasskey].map((p) => ({
          id: p.id,
          name: p.name,
          createdAt: expect.any(String),
          lastUsedAt: null,
          backedUp: false,
        })),
      ),
    );
    expect(records).toHaveLength(2);
  });
});
