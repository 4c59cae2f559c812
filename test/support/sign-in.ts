import { randomUUID } from 'node:crypto';
import { defaultBruteForce } from '../../subgraphs/identity/src/config.ts';
import type { IdentityOptions } from '../../subgraphs/identity/src/options.ts';
import { createInternalTokenSigner, privateKeyFromPem } from '../../platform/internal-token.ts';
import { expect } from '@jest/globals';
import type { GraphQLResult, TestStack } from './stack.ts';
import { testEnvironment } from './test-env.ts';

export const CHROME_DESKTOP =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
export const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

const unlimited = { ...defaultBruteForce.ip, delayAfter: 1_000_000, lockAfter: 1_000_000 };

/**
 * Every test stack's requests come from 127.0.0.1 and share one database, so the per-IP counter of
 * 127.0.0.1 is shared by all test files: stacks that are not testing the IP limits lift them.
 */
export const withoutIpLimits: IdentityOptions['bruteForce'] = { ...defaultBruteForce, ip: unlimited };
/** For tests of code or password rules that are not about the brute-force limits. */
export const withoutLimits: IdentityOptions['bruteForce'] = { account: unlimited, ip: unlimited };

/** A clock the test moves; the identity subgraph reads it for codes, throttles and sessions. */
export function movableClock(start = new Date()) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** The code in the latest sign-in mail sent to `email`. */
export function latestCode(stack: TestStack, email: string): string {
  const mail = stack.mails(email).at(-1);
  const code = mail && /\b([0-9]{6})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no sign-in code mailed to ${email}`);
  return code;
}

/** POSTs to the gateway like stack.graphql, with a chosen user agent. */
export async function viaGateway<T = Record<string, unknown>>(
  stack: TestStack,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; userAgent?: string } = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': options.userAgent ?? CHROME_DESKTOP,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/**
 * Calls the identity subgraph directly, as the gateway would for a client at `ip` (anonymous, or
 * the user `userId`):
 * past the gateway's one-sign-in-per-operation rule, so aliased attempts reach the resolvers.
 */
export function directToIdentity(stack: TestStack) {
  const sign = createInternalTokenSigner(privateKeyFromPem(testEnvironment().privateKeyPem));
  return async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    origin: { ip: string; userAgent?: string; userId?: string },
  ): Promise<GraphQLResult<T>> => {
    const token = await sign('identity', {
      principal: origin.userId
        ? { kind: 'user', userId: origin.userId, memberships: [] }
        : { kind: 'anonymous' },
      origin: { requestId: randomUUID(), ip: origin.ip, userAgent: origin.userAgent ?? CHROME_DESKTOP },
    });
    const response = await fetch(stack.subgraphs.identity!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
}

/** A random private client IP (10.0.0.0/8), so a test's per-IP counter is its own. */
export const uniqueIp = () => {
  const bytes = randomUUID().replace(/-/g, '');
  return `10.${parseInt(bytes.slice(0, 2), 16)}.${parseInt(bytes.slice(2, 4), 16)}.${parseInt(bytes.slice(4, 6), 16)}`;
};

export const errorCodes = (result: GraphQLResult) => result.errors?.map((e) => e.extensions?.code) ?? [];

export const REQUEST_CODE = /* GraphQL */ `
  mutation RequestCode($email: String!) {
    requestSignInCode(email: $email)
  }
`;
const SIGN_IN_FIELDS = /* GraphQL */ `
  token
  session {
    id
    ip
    userAgent
    deviceType
  }
  user {
    id
    email
    hasPassword
  }
`;
export const SIGN_IN_WITH_CODE = /* GraphQL */ `
  mutation SignInWithCode($email: String!, $code: String!) {
    signInWithCode(email: $email, code: $code) { ${SIGN_IN_FIELDS} }
  }
`;
export const SIGN_IN_WITH_PASSWORD = /* GraphQL */ `
  mutation SignInWithPassword($email: String!, $password: String!) {
    signInWithPassword(email: $email, password: $password) { ${SIGN_IN_FIELDS} }
  }
`;
export const SET_PASSWORD = /* GraphQL */ `
  mutation SetPassword($newPassword: String!, $currentPassword: String) {
    setPassword(newPassword: $newPassword, currentPassword: $currentPassword)
  }
`;

export interface SignInData {
  token: string;
  session: { id: string; ip: string | null; userAgent: string | null; deviceType: string };
  user: { id: string; email: string; hasPassword: boolean };
}

/** Code and password sign-in through the gateway, from 127.0.0.1 (Chrome on a desktop by default). */
export function signInClient(stack: TestStack) {
  return {
    async requestCode(email: string): Promise<string> {
      const result = await stack.graphql(REQUEST_CODE, { email });
      expect(result.data).toEqual({ requestSignInCode: true });
      return latestCode(stack, email);
    },
    withCode: (email: string, code: string, userAgent?: string) =>
      viaGateway<{ signInWithCode: SignInData }>(stack, SIGN_IN_WITH_CODE, { email, code }, { userAgent }),
    withPassword: (email: string, password: string, userAgent?: string) =>
      viaGateway<{ signInWithPassword: SignInData }>(
        stack,
        SIGN_IN_WITH_PASSWORD,
        { email, password },
        { userAgent },
      ),
  };
}

/** What a client sees of a refusal, which must not say why. */
export const refusal = (result: GraphQLResult) => ({
  data: result.data ?? null,
  errors: result.errors?.map((e) => ({ message: e.message, code: e.extensions?.code })),
});
export const INVALID_CODE = { data: null, errors: [{ message: 'Invalid code', code: 'UNAUTHENTICATED' }] };
export const INVALID_PASSWORD = {
  data: null,
  errors: [{ message: 'Invalid email or password', code: 'UNAUTHENTICATED' }],
};
