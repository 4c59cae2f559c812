import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import type pg from 'pg';
import { audienceOf, privateKeyFromPem } from '../platform/internal-token.ts';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';

let stack: TestStack;
let db: pg.Client;
beforeAll(async () => {
  stack = await startTestStack();
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const claims = { principal: { kind: 'anonymous' }, origin: { requestId: 'test', ip: null, userAgent: null } };
const gatewayKey = () => privateKeyFromPem(testEnvironment().privateKeyPem);

function token(options: { audience?: string; expiresAt?: number; key?: ReturnType<typeof gatewayKey> } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer('steward-gateway')
    .setAudience(options.audience ?? audienceOf('identity'))
    .setIssuedAt(now - 120)
    .setExpirationTime(options.expiresAt ?? now + 60)
    .sign(options.key ?? gatewayKey());
}

const SERVICE = '{ _service { sdl } }';
const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on User {
        id
      }
    }
  }
`;
const SIGN_IN = `mutation($email: String!) { devSignIn(email: $email) { token } }`;

async function postToIdentity(query: string, variables: Record<string, unknown>, authorization?: string) {
  const response = await fetch(stack.subgraphs.identity!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { errors?: { extensions: { code: string } }[] },
  };
}

const usersWithEmail = async (email: string) =>
  Number((await db.query('select count(*) from identity.users where email = $1', [email])).rows[0].count);

describe('a subgraph called without a valid internal token', () => {
  const forgedKey = generateKeyPairSync('ed25519').privateKey;
  const cases: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['a token that is not a JWT', async () => 'Bearer not-a-jwt'],
    ['a forged token (another key)', async () => `Bearer ${await token({ key: forgedKey })}`],
    [
      'an expired token',
      async () => `Bearer ${await token({ expiresAt: Math.floor(Date.now() / 1000) - 10 })}`,
    ],
    [
      'a token for another subgraph',
      async () => `Bearer ${await token({ audience: audienceOf('tenancy') })}`,
    ],
  ];

  it.each(cases)(
    '%s: 401 for _service, _entities and a mutation, which runs no resolver',
    async (_label, header) => {
      const intruder = uniqueEmail('intruder');
      for (const [query, variables] of [
        [SERVICE, {}],
        [ENTITIES, { representations: [{ __typename: 'User', id: '00000000-0000-0000-0000-000000000000' }] }],
        [SIGN_IN, { email: intruder }],
      ] as const) {
        const result = await postToIdentity(query, variables, await header());
        expect(result.status).toBe(401);
        expect(result.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      }
      expect(await usersWithEmail(intruder)).toBe(0);
    },
  );

  it('with a valid token the same requests are served (the control)', async () => {
    const valid = `Bearer ${await token()}`;
    expect((await postToIdentity(SERVICE, {}, valid)).status).toBe(200);
    const email = uniqueEmail('control');
    const signIn = await postToIdentity(SIGN_IN, { email }, valid);
    expect(signIn.status).toBe(200);
    expect(await usersWithEmail(email)).toBe(1);
  });
});
