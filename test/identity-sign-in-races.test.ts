import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { defaultBruteForce, defaultCodeMails } from '../subgraphs/identity/src/config.ts';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import {
  INVALID_CODE,
  INVALID_PASSWORD,
  REQUEST_CODE,
  SET_PASSWORD,
  movableClock,
  refusal,
  signInClient,
  withoutIpLimits,
} from './support/sign-in.ts';

// Sign-in attacked as a script would, through the gateway: guesses fired in parallel, code mails
// asked for in bulk, a stolen session setting a password. Account limits at their defaults (3
// free failures, then a growing delay, locked at the 10th); the clock is the test's.
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

const { delayAfter, lockAfter } = defaultBruteForce.account;

const outcomesOf = async (email: string) =>
  (
    await db.query<{ outcome: string }>('select outcome from identity.sign_in_attempts where email = $1', [
      email,
    ])
  ).rows.map((row) => row.outcome);

const throttleOf = async (email: string) =>
  (
    await db.query<{ failures: number; locked_until: Date | null }>(
      'select failures, locked_until from identity.sign_in_throttles where key = $1',
      [`email:${email}`],
    )
  ).rows[0];

const count = (values: string[], value: string) => values.filter((v) => v === value).length;
const wrongCodeFor = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');

describe('parallel guesses', () => {
  it('40 wrong codes at once are counted as 40: only the free tries are checked, and the lock holds', async () => {
    const email = uniqueEmail('race-code');
    const code = await client.requestCode(email);

    const results = await Promise.all(
      Array.from({ length: 40 }, () => client.withCode(email, wrongCodeFor(code))),
    );

    expect(new Set(results.map((r) => JSON.stringify(refusal(r))))).toEqual(
      new Set([JSON.stringify(INVALID_CODE)]),
    );
    const outcomes = await outcomesOf(email);
    expect(outcomes).toHaveLength(40);
    // Checked (FAILURE): the tries before the first delay, no more; every other one refused unchecked.
    expect(count(outcomes, 'FAILURE')).toBeLessThanOrEqual(delayAfter);
    expect(count(outcomes, 'LOCKED')).toBe(40 - count(outcomes, 'FAILURE'));
    const { rows } = await db.query('select wrong_tries from identity.sign_in_codes where email = $1', [
      email,
    ]);
    expect(rows).toEqual([{ wrong_tries: count(outcomes, 'FAILURE') }]);
    expect(await throttleOf(email)).toEqual({ failures: lockAfter, locked_until: expect.any(Date) });
    // The lock holds: the right code is refused like a wrong one.
    expect(refusal(await client.withCode(email, code))).toEqual(INVALID_CODE);
  });

  it('40 wrong passwords at once likewise (the same machinery)', async () => {
    const email = uniqueEmail('race-password');
    const { token } = await stack.signIn(email);
    const password = 'a heron stands in the cold river';
    expect((await stack.graphql(SET_PASSWORD, { newPassword: password }, token)).data).toEqual({
      setPassword: true,
    });

    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => client.withPassword(email, `wrong guess ${i}`)),
    );

    expect(new Set(results.map((r) => JSON.stringify(refusal(r))))).toEqual(
      new Set([JSON.stringify(INVALID_PASSWORD)]),
    );
    const outcomes = (await outcomesOf(email)).filter((o) => o !== 'SUCCESS');
    expect(outcomes).toHaveLength(40);
    expect(count(outcomes, 'FAILURE')).toBeLessThanOrEqual(delayAfter);
    expect(await throttleOf(email)).toEqual({ failures: lockAfter, locked_until: expect.any(Date) });
    expect(refusal(await client.withPassword(email, password))).toEqual(INVALID_PASSWORD);
  });

  // Each success ends the account's run of failures while the other tries wait for its counter:
  // the counter must outlive that, or a waiter loses it again and again and fails internally.
  it('40 right passwords at once, three times: each signs in or is refused with the coded answer, none internally', async () => {
    const email = uniqueEmail('race-right');
    const { token } = await stack.signIn(email);
    const password = 'an owl counts the frozen pines';
    expect((await stack.graphql(SET_PASSWORD, { newPassword: password }, token)).errors).toBeUndefined();

    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        Array.from({ length: 40 }, () => client.withPassword(email, password)),
      );

      const refused = results.filter((result) => result.errors);
      expect(new Set(refused.map((r) => JSON.stringify(refusal(r))))).toEqual(
        new Set(refused.length ? [JSON.stringify(INVALID_PASSWORD)] : []),
      );
      expect(results.length - refused.length).toBeGreaterThan(0);
      clock.advance(60 * 60_000);
    }
    // The last success ended the run: the counter stands at zero, and the owner signs in.
    expect((await client.withPassword(email, password)).errors).toBeUndefined();
    expect(await throttleOf(email)).toEqual({ failures: 0, locked_until: null });
  });
});

describe('sign-in code mails', () => {
  const request = (email: string) => stack.graphql(REQUEST_CODE, { email });

  it('30 requests at once send one mail, and the code being typed keeps working', async () => {
    const email = uniqueEmail('flood');
    const code = await client.requestCode(email);

    const answers = await Promise.all(Array.from({ length: 30 }, () => request(email)));

    expect(new Set(answers.map((a) => JSON.stringify({ data: a.data, errors: a.errors })))).toEqual(
      new Set([JSON.stringify({ data: { requestSignInCode: true } })]),
    );
    expect(stack.mails(email)).toHaveLength(1);
    expect((await client.withCode(email, code)).errors).toBeUndefined();
  });

  it('at most the hourly allowance per address, answered alike for a known and an unknown one', async () => {
    const known = uniqueEmail('hourly-known');
    await stack.signIn(known);
    const unknown = uniqueEmail('hourly-unknown');

    const latestCodeOf = (email: string) => /\b([0-9]{6})\b/.exec(stack.mails(email).at(-1)!.text)![1]!;
    for (let i = 0; i < 30; i++) {
      const [a, b] = await Promise.all([request(known), request(unknown)]);
      expect({ data: a.data, errors: a.errors }).toEqual({ data: { requestSignInCode: true } });
      expect({ data: b.data, errors: b.errors }).toEqual({ data: a.data });
      clock.advance(defaultCodeMails.resendAfterMs + 1000);
      if (i === defaultCodeMails.perHour + 1) {
        // Past the allowance, the latest code mailed still works: refused mails kill no code.
        expect((await client.withCode(unknown, latestCodeOf(unknown))).errors).toBeUndefined();
      }
    }
    // 30 requests a minute apart: the hour's allowance was sent, no more.
    expect(stack.mails(known)).toHaveLength(defaultCodeMails.perHour);
    expect(stack.mails(unknown)).toHaveLength(defaultCodeMails.perHour);
    // A new hour brings a new allowance.
    clock.advance(3600_000);
    await request(unknown);
    expect(stack.mails(unknown)).toHaveLength(defaultCodeMails.perHour + 1);
  });
});

describe('re-authentication for a password', () => {
  const ME = 'query { me { id hasPassword } }';

  it('a stolen session cannot set a password; after a fresh code sign-in the owner can, and the other sessions end', async () => {
    const email = uniqueEmail('stolen');
    const first = await client.withCode(email, await client.requestCode(email));
    const stolen = first.data!.signInWithCode.token;
    clock.advance(10 * 60_000); // the session is older than the re-authentication window

    const refused = await stack.graphql(SET_PASSWORD, { newPassword: 'the thief picks this one' }, stolen);

    expect(refused.data).toBeNull();
    expect(refused.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', reason: 'REAUTHENTICATION_REQUIRED' }),
    ]);
    expect((await stack.graphql(ME, {}, stolen)).data).toMatchObject({ me: { hasPassword: false } });

    const fresh = await client.withCode(email, await client.requestCode(email));
    const token = fresh.data!.signInWithCode.token;
    const set = await stack.graphql(SET_PASSWORD, { newPassword: 'the owner picks this one' }, token);

    expect(set).toMatchObject({ data: { setPassword: true } });
    expect((await stack.graphql(ME, {}, token)).data).toMatchObject({ me: { hasPassword: true } });
    // The stolen session ended with the password change.
    const afterwards = await stack.graphql(ME, {}, stolen);
    expect(afterwards.data?.me ?? null).toBeNull();
    const { rows } = await db.query(
      `select event->>'action' as action, event->'metadata'->>'sessionsEnded' as ended
         from identity.audit_outbox where event->'target'->>'id' = $1 and event->>'action' like 'identity.password.%'`,
      [fresh.data!.signInWithCode.user.id],
    );
    expect(rows).toEqual([{ action: 'identity.password.set', ended: '1' }]);
  });

  it('a forgotten password: a fresh code sign-in changes it without the old one; a stale one cannot', async () => {
    const email = uniqueEmail('forgotten');
    const first = await client.withCode(email, await client.requestCode(email));
    const owner = first.data!.signInWithCode.token;
    expect(await stack.graphql(SET_PASSWORD, { newPassword: 'the first one I forgot' }, owner)).toMatchObject(
      {
        data: { setPassword: true },
      },
    );
    clock.advance(10 * 60_000);
    const stale = await stack.graphql(SET_PASSWORD, { newPassword: 'a thief with an old session' }, owner);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });

    const fresh = await client.withCode(email, await client.requestCode(email));
    const token = fresh.data!.signInWithCode.token;
    const reset = await stack.graphql(SET_PASSWORD, { newPassword: 'the one I will remember' }, token);
    expect(reset).toMatchObject({ data: { setPassword: true } });
    const { rows } = await db.query(
      `select event->>'action' as action from identity.audit_outbox
        where event->'target'->>'id' = $1 and event->>'action' like 'identity.password.%'`,
      [fresh.data!.signInWithCode.user.id],
    );
    expect(rows.map((r) => r.action).sort()).toEqual(['identity.password.changed', 'identity.password.set']);
  });

  it('records on each session how and when it was authenticated', async () => {
    const email = uniqueEmail('session-methods');
    const signedIn = await client.withCode(email, await client.requestCode(email));
    const { rows } = await db.query(
      'select authenticated_at, authentication_methods from identity.sessions where id = $1',
      [signedIn.data!.signInWithCode.session.id],
    );
    expect(rows).toEqual([{ authenticated_at: clock.now(), authentication_methods: ['EMAIL_CODE'] }]);
  });
});
