import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { defaultBruteForce } from '../subgraphs/identity/src/config.ts';
import {
  adminClient,
  startTestStack,
  uniqueEmail,
  type GraphQLResult,
  type TestStack,
} from './support/stack.ts';
import { SET_PASSWORD, directToIdentity, latestCode, movableClock, uniqueIp } from './support/sign-in.ts';

// The brute-force limits at their defaults for accounts (3 free failures, then 1 s, 2 s, 4 s…,
// locked for 15 minutes at the 10th) and a low one for IPs (locked at the 12th), so that a few
// attempts show them. Attempts go straight to the identity subgraph with an internal token, each
// test from its own IP (the gateway would say 127.0.0.1 for all, and it allows one sign-in per
// operation, when here aliased attempts must reach the resolvers).
const IP_LOCK_AFTER = 12;
const clock = movableClock();
let stack: TestStack;
let db: pg.Client;
let identity: ReturnType<typeof directToIdentity>;
beforeAll(async () => {
  stack = await startTestStack({
    identity: {
      now: clock.now,
      bruteForce: {
        ...defaultBruteForce,
        ip: { ...defaultBruteForce.ip, delayAfter: 100, lockAfter: IP_LOCK_AFTER },
      },
    },
  });
  identity = directToIdentity(stack);
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const SIGN_IN_WITH_CODE = /* GraphQL */ `
  mutation SignInWithCode($email: String!, $code: String!) {
    signInWithCode(email: $email, code: $code) {
      token
    }
  }
`;
const REQUEST_CODE = /* GraphQL */ `
  mutation RequestCode($email: String!) {
    requestSignInCode(email: $email)
  }
`;

/** One operation of `n` aliased code attempts. */
const aliasedCodeAttempts = (n: number) => /* GraphQL */ `
  mutation Aliased($email: String!, $code: String!) {
    ${Array.from({ length: n }, (_, i) => `a${i}: signInWithCode(email: $email, code: $code) { token }`).join('\n')}
  }
`;

async function requestCode(email: string, ip: string): Promise<string> {
  const result = await identity(REQUEST_CODE, { email }, { ip });
  expect(result.data).toEqual({ requestSignInCode: true });
  return latestCode(stack, email);
}

const wrongCodeFor = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');

const outcomes = async (email: string) =>
  (
    await db.query<{ outcome: string }>(
      'select outcome from identity.sign_in_attempts where email = $1 order by seq',
      [email],
    )
  ).rows.map((r) => r.outcome);

const throttleOf = async (key: string) =>
  (await db.query('select failures, locked_until from identity.sign_in_throttles where key = $1', [key]))
    .rows[0] as { failures: number; locked_until: Date | null } | undefined;

const errorCodesOf = (result: GraphQLResult) => result.errors?.map((e) => e.extensions?.code);

const answer = (result: GraphQLResult) => ({
  data: result.data ?? null,
  errors: result.errors?.map((e) => ({ message: e.message, code: e.extensions?.code })),
});

/** `n` attempts with the same code, one operation each, as fast as they come. */
async function attempts(n: number, email: string, code: string, ip: string) {
  const results: GraphQLResult[] = [];
  for (let i = 0; i < n; i++) results.push(await identity(SIGN_IN_WITH_CODE, { email, code }, { ip }));
  return results;
}

describe('brute-force limits', () => {
  it('count every attempt that runs, aliased ones included: one operation buys one guess', async () => {
    const email = uniqueEmail('aliased');
    const ip = uniqueIp();
    const code = await requestCode(email, ip);

    const result = await identity(aliasedCodeAttempts(10), { email, code: wrongCodeFor(code) }, { ip });

    // signInWithCode answers SignIn!, so the first failure nulls the whole result and GraphQL
    // runs no further mutation field: nine aliases never reach the resolver. The one that did is
    // recorded and counted.
    expect(answer(result)).toEqual({
      data: null,
      errors: [{ message: 'Invalid code', code: 'UNAUTHENTICATED' }],
    });
    expect(await outcomes(email)).toEqual(['FAILURE']);
    expect(await throttleOf(`email:${email}`)).toMatchObject({ failures: 1 });
    expect(await throttleOf(`ip:${ip}`)).toMatchObject({ failures: 1 });
  });

  it('lock an account at its 10th consecutive failure, counting the refusals during its delays', async () => {
    const email = uniqueEmail('ten');
    const ip = uniqueIp();
    const code = await requestCode(email, ip);

    const results = await attempts(10, email, wrongCodeFor(code), ip);

    expect(new Set(results.map((r) => JSON.stringify(answer(r))))).toEqual(
      new Set([
        JSON.stringify({ data: null, errors: [{ message: 'Invalid code', code: 'UNAUTHENTICATED' }] }),
      ]),
    );
    // Three checked and wrong, then seven refused unchecked during the delay: all ten counted.
    expect(await outcomes(email)).toEqual([...Array(3).fill('FAILURE'), ...Array(7).fill('LOCKED')]);
    expect(await throttleOf(`email:${email}`)).toEqual({
      failures: 10,
      locked_until: new Date(clock.now().getTime() + 15 * 60_000),
    });
    // The code itself was only tried (and found wrong) three times.
    const { rows } = await db.query('select wrong_tries from identity.sign_in_codes where email = $1', [
      email,
    ]);
    expect(rows).toEqual([{ wrong_tries: 3 }]);
  });

  it('answer a locked account exactly like a wrong code, even with the right code, until the lock ends', async () => {
    const email = uniqueEmail('locked');
    const ip = uniqueIp();
    await requestCode(email, ip);
    await attempts(10, email, '000000', ip);
    const other = uniqueEmail('not-locked');
    const otherCode = await requestCode(other, ip);
    const wrong = await identity(
      SIGN_IN_WITH_CODE,
      { email: other, code: wrongCodeFor(otherCode) },
      { ip: uniqueIp() },
    );
    const code = await requestCode(email, ip);

    const locked = await identity(SIGN_IN_WITH_CODE, { email, code }, { ip: uniqueIp() });

    expect(answer(locked)).toEqual(answer(wrong));
    expect(answer(locked)).toEqual({
      data: null,
      errors: [{ message: 'Invalid code', code: 'UNAUTHENTICATED' }],
    });
    expect(await outcomes(other)).toEqual(['FAILURE']);
    expect((await outcomes(email)).at(-1)).toBe('LOCKED');

    clock.advance(15 * 60_000);
    const after = await identity(SIGN_IN_WITH_CODE, { email, code: await requestCode(email, ip) }, { ip });
    expect(after.errors).toBeUndefined();
    expect((await outcomes(email)).at(-1)).toBe('SUCCESS');
    // A success ends the account's run of failures.
    expect(await throttleOf(`email:${email}`)).toEqual({ failures: 0, locked_until: null });
  });

  it('make an account wait 1 s after its third consecutive failure, 2 s after its fourth', async () => {
    const email = uniqueEmail('delay');
    const ip = uniqueIp();
    const code = await requestCode(email, ip);
    await attempts(3, email, wrongCodeFor(code), ip);

    const tooSoon = await identity(SIGN_IN_WITH_CODE, { email, code }, { ip });
    expect(answer(tooSoon).errors).toEqual([{ message: 'Invalid code', code: 'UNAUTHENTICATED' }]);
    expect(await throttleOf(`email:${email}`)).toMatchObject({ failures: 4, locked_until: null });

    clock.advance(1000);
    expect((await identity(SIGN_IN_WITH_CODE, { email, code }, { ip })).errors).toHaveLength(1);
    clock.advance(4000);
    expect((await identity(SIGN_IN_WITH_CODE, { email, code }, { ip })).errors).toBeUndefined();
    expect(await outcomes(email)).toEqual(['FAILURE', 'FAILURE', 'FAILURE', 'LOCKED', 'LOCKED', 'SUCCESS']);
    expect(await throttleOf(`email:${email}`)).toEqual({ failures: 0, locked_until: null });
  });

  it('lock a client IP after failures spread over many accounts, whatever the account', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < IP_LOCK_AFTER; i++) {
      const result = await identity(
        SIGN_IN_WITH_CODE,
        { email: uniqueEmail('spray'), code: '123456' },
        { ip },
      );
      expect(result.errors).toHaveLength(1);
    }
    expect(await throttleOf(`ip:${ip}`)).toMatchObject({
      failures: IP_LOCK_AFTER,
      locked_until: expect.any(Date),
    });

    const victim = uniqueEmail('spray-victim');
    const code = await requestCode(victim, uniqueIp());
    expect((await identity(SIGN_IN_WITH_CODE, { email: victim, code }, { ip })).errors).toHaveLength(1);
    expect(await outcomes(victim)).toEqual(['LOCKED']);
    // The account itself was not at fault: from another IP, the same code works.
    expect(
      (await identity(SIGN_IN_WITH_CODE, { email: victim, code }, { ip: uniqueIp() })).errors,
    ).toBeUndefined();
  });

  it('apply to passwords too, and to a signed-in user checking their current one', async () => {
    const email = uniqueEmail('password-guess');
    const ip = uniqueIp();
    const { userId, token } = await stack.signIn(email);
    const passphrase = 'nine umbrellas under a copper moon';
    const set = (variables: Record<string, unknown>) =>
      identity(
        'mutation($n: String!, $c: String) { setPassword(newPassword: $n, currentPassword: $c) }',
        variables,
        {
          ip,
          userId,
        },
      );
    // A first password needs a fresh sign-in's session (re-authentication), so through the gateway.
    expect((await stack.graphql(SET_PASSWORD, { newPassword: passphrase }, token)).data).toEqual({
      setPassword: true,
    });
    const withPassword = (password: string) =>
      identity(
        'mutation($email: String!, $password: String!) { signInWithPassword(email: $email, password: $password) { token } }',
        { email, password },
        { ip },
      );

    for (let i = 0; i < 3; i++) expect((await withPassword(`guess number ${i}`)).errors).toHaveLength(1);
    // Wrong current passwords count as well: a stolen session is no way round the limits.
    for (let i = 0; i < 7; i++)
      expect(errorCodesOf(await set({ n: `new phrase ${i} for me`, c: `guess ${i}` }))).toEqual([
        'BAD_USER_INPUT',
      ]);

    expect(await throttleOf(`email:${email}`)).toMatchObject({
      failures: 10,
      locked_until: expect.any(Date),
    });
    expect((await withPassword(passphrase)).errors).toHaveLength(1);
    expect(errorCodesOf(await set({ n: 'a different phrase entirely', c: passphrase }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});

describe('a failed attempt outlasts its request', () => {
  it('is stored and audited although the request rolls back; a success rolled back with it leaves nothing', async () => {
    const email = uniqueEmail('rollback');
    const ip = uniqueIp();
    const code = await requestCode(email, ip);
    // The first sign-in succeeds (and creates the user), the second fails: the request fails, so its
    // transaction, with the user, the session and the success, rolls back.
    const result = await identity(
      /* GraphQL */ `
        mutation Both($email: String!, $code: String!, $wrong: String!) {
          good: signInWithCode(email: $email, code: $code) {
            token
          }
          bad: signInWithCode(email: $email, code: $wrong) {
            token
          }
        }
      `,
      { email, code, wrong: wrongCodeFor(code) },
      { ip },
    );
    expect(result.errors?.map((e) => e.path)).toEqual([['bad']]);

    expect(await outcomes(email)).toEqual(['FAILURE']);
    const { rows: audit } = await db.query<{ action: string }>(
      `select event->>'action' as action from identity.audit_outbox where event->'metadata'->>'email' = $1`,
      [email],
    );
    expect(audit).toEqual([{ action: 'identity.sign_in.failed' }]);
    expect(
      Number((await db.query('select count(*) from identity.users where email = $1', [email])).rows[0].count),
    ).toBe(0);
    expect(await throttleOf(`email:${email}`)).toMatchObject({ failures: 1 });
    // The code was not spent by the rolled-back success: it still works.
    expect((await identity(SIGN_IN_WITH_CODE, { email, code }, { ip })).errors).toBeUndefined();
  });
});
