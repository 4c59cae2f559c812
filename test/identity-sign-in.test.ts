import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import {
  CHROME_DESKTOP,
  INVALID_CODE,
  REQUEST_CODE,
  SAFARI_IPHONE,
  SET_PASSWORD,
  SIGN_IN_WITH_CODE,
  SIGN_IN_WITH_PASSWORD,
  errorCodes,
  movableClock,
  refusal,
  signInClient,
  withoutLimits,
} from './support/sign-in.ts';

// Sign-in by email code, through the gateway. The brute-force limits are lifted here (they have
// their own tests) so that the code rules show on their own; the clock is the test's.
const clock = movableClock();
let stack: TestStack;
let db: pg.Client;
let client: ReturnType<typeof signInClient>;
beforeAll(async () => {
  stack = await startTestStack({ identity: { now: clock.now, bruteForce: withoutLimits } });
  client = signInClient(stack);
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const ME = /* GraphQL */ `
  query Me {
    me {
      id
      email
      hasPassword
    }
  }
`;

const count = async (sql: string, params: unknown[]) => Number((await db.query(sql, params)).rows[0].count);
const usersWithEmail = (email: string) =>
  count('select count(*) from identity.users where email = $1', [email]);

describe('sign-in by email code', () => {
  it('creates the user at the first sign-in, with a session that has its device type and IP', async () => {
    const email = uniqueEmail('code');
    const code = await client.requestCode(email);
    expect(await usersWithEmail(email)).toBe(0);

    const result = await client.withCode(email, code);

    expect(result.errors).toBeUndefined();
    expect(result.data!.signInWithCode).toMatchObject({
      token: expect.any(String),
      session: { ip: '127.0.0.1', userAgent: CHROME_DESKTOP, deviceType: 'DESKTOP' },
      user: { email, hasPassword: false },
    });
    expect(await usersWithEmail(email)).toBe(1);
    const me = await stack.graphql(ME, {}, result.data!.signInWithCode.token);
    expect(me.data).toEqual({ me: { id: result.data!.signInWithCode.user.id, email, hasPassword: false } });
  });

  it('signs the same user in from a phone, as a MOBILE session', async () => {
    const email = uniqueEmail('code-mobile');
    const first = await client.withCode(email, await client.requestCode(email));
    const second = await client.withCode(email, await client.requestCode(email), SAFARI_IPHONE);

    expect(second.data!.signInWithCode).toMatchObject({
      session: { ip: '127.0.0.1', userAgent: SAFARI_IPHONE, deviceType: 'MOBILE' },
      user: { id: first.data!.signInWithCode.user.id },
    });
  });

  it('answers a known and an unknown email alike, and mails a code to both', async () => {
    const known = uniqueEmail('code-known');
    await stack.signIn(known);
    const unknown = uniqueEmail('code-unknown');

    const answers = await Promise.all(
      [known, unknown].map((email) => stack.graphql(REQUEST_CODE, { email })),
    );

    expect(answers.map((a) => ({ data: a.data, errors: a.errors }))).toEqual([
      { data: { requestSignInCode: true }, errors: undefined },
      { data: { requestSignInCode: true }, errors: undefined },
    ]);
    expect(stack.mails(known)).toHaveLength(1);
    expect(stack.mails(unknown)).toHaveLength(1);
    // Asking is not signing in: the unknown email has no user until its code is used.
    expect(await usersWithEmail(unknown)).toBe(0);
  });

  it('refuses a code used a second time', async () => {
    const email = uniqueEmail('code-replay');
    const code = await client.requestCode(email);
    expect((await client.withCode(email, code)).errors).toBeUndefined();

    expect(refusal(await client.withCode(email, code))).toEqual(INVALID_CODE);
  });

  it('refuses a code after 10 minutes', async () => {
    const email = uniqueEmail('code-expired');
    const late = await client.requestCode(email);
    clock.advance(10 * 60_000 + 1);
    expect(refusal(await client.withCode(email, late))).toEqual(INVALID_CODE);

    const inTime = await client.requestCode(email);
    clock.advance(10 * 60_000 - 1000);
    expect((await client.withCode(email, inTime)).errors).toBeUndefined();
  });

  it('refuses the right code at the 6th try, after 5 wrong ones', async () => {
    const email = uniqueEmail('code-tries');
    const code = await client.requestCode(email);
    const wrong = (i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) expect(refusal(await client.withCode(email, wrong(i)))).toEqual(INVALID_CODE);

    expect(refusal(await client.withCode(email, code))).toEqual(INVALID_CODE);
    const { rows } = await db.query('select wrong_tries from identity.sign_in_codes where email = $1', [
      email,
    ]);
    expect(rows).toEqual([{ wrong_tries: 5 }]);
  });

  it('keeps the code being typed alive when another is sent; a sign-in spends them all', async () => {
    // Changed by issue 15: a new code used to kill the old one, so a script asking for codes
    // locked their owner out. Both now work until one is used.
    const email = uniqueEmail('code-resend');
    const old = await client.requestCode(email);
    clock.advance(61_000); // past the resend window, within which nothing is sent
    const fresh = await client.requestCode(email);
    expect(stack.mails(email)).toHaveLength(2);

    expect((await client.withCode(email, old)).errors).toBeUndefined();
    expect(refusal(await client.withCode(email, fresh))).toEqual(INVALID_CODE);
  });
});

describe('bad input', () => {
  const tenKilobytes = `${'a'.repeat(10 * 1024)}@steward.test`;

  it.each([
    ['a malformed email', 'not an email'],
    ['a 10 KB email', tenKilobytes],
  ])('%s: BAD_USER_INPUT for every sign-in mutation, and nothing stored', async (_label, email) => {
    for (const [query, variables] of [
      [REQUEST_CODE, { email }],
      [SIGN_IN_WITH_CODE, { email, code: '123456' }],
      [SIGN_IN_WITH_PASSWORD, { email, password: 'whatever it is' }],
    ] as const) {
      expect(errorCodes(await stack.graphql(query, variables))).toEqual(['BAD_USER_INPUT']);
    }
    for (const table of ['sign_in_codes', 'sign_in_attempts', 'users']) {
      expect(await count(`select count(*) from identity.${table} where email = $1`, [email])).toBe(0);
    }
  });

  it.each([
    ['an empty code', ''],
    ['a code of 5 digits', '12345'],
    ['a code with letters', '12a456'],
  ])('%s: BAD_USER_INPUT, no attempt counted', async (_label, code) => {
    const email = uniqueEmail('code-shape');
    await client.requestCode(email);
    expect(errorCodes(await client.withCode(email, code))).toEqual(['BAD_USER_INPUT']);
    expect(await count('select count(*) from identity.sign_in_attempts where email = $1', [email])).toBe(0);
    const { rows } = await db.query('select wrong_tries from identity.sign_in_codes where email = $1', [
      email,
    ]);
    expect(rows).toEqual([{ wrong_tries: 0 }]);
  });
});

describe('the database', () => {
  it('holds a salted hash of each code and an argon2id hash of each password, never either', async () => {
    const email = uniqueEmail('hashes');
    const code = await client.requestCode(email);
    const { rows: codes } = await db.query('select * from identity.sign_in_codes where email = $1', [email]);
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatchObject({ code_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(Object.values(codes[0]).map(String)).not.toContain(code);
    expect(String(codes[0].code_hash)).not.toContain(code);

    const signedIn = await client.withCode(email, code);
    const password = 'a lighthouse keeper counts the waves';
    await stack.graphql(SET_PASSWORD, { newPassword: password }, signedIn.data!.signInWithCode.token);
    const { rows: users } = await db.query('select password_hash from identity.users where email = $1', [
      email,
    ]);
    // PHC string: algorithm, version, parameters (m=19456 KiB, t=2, p=1), salt, hash.
    const [, algorithm, version, parameters, salt, hash] = String(users[0].password_hash).split('$');
    expect({ algorithm, version, parameters: parameters!.split(',').sort() }).toEqual({
      algorithm: 'argon2id',
      version: 'v=19',
      parameters: ['m=19456', 'p=1', 't=2'],
    });
    expect(salt).toMatch(/^[A-Za-z0-9+/]{22}$/);
    expect(hash).toMatch(/^[A-Za-z0-9+/]{43}$/);
    const anywhere = await count(
      `select count(*) from identity.users u
        where u.email = $1 and (row_to_json(u)::text like '%' || $2 || '%'
           or exists (select 1 from identity.sign_in_attempts a where a.email = u.email and row_to_json(a)::text like '%' || $2 || '%')
           or exists (select 1 from identity.audit_outbox o where o.event::text like '%' || $2 || '%'))`,
      [email, password],
    );
    expect(anywhere).toBe(0);
  });
});
