import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import {
  adminClient,
  startTestStack,
  uniqueEmail,
  type GraphQLResult,
  type TestStack,
} from './support/stack.ts';
import { startOidcProvider, type LocalOidcProvider } from './support/oidc-provider.ts';
import { Secret, TOTP } from 'otpauth';

// The browser never reaches this address: the test stops at the provider's redirect to it.
const REDIRECT_URI = 'https://app.steward.test/oidc/callback';

let idp: LocalOidcProvider;
let stack: TestStack;
let db: pg.Client;
// Moves the identity subgraph's clock (flow expiry) without touching the provider's.
let clockSkewMs = 0;

beforeAll(async () => {
  idp = await startOidcProvider({ redirectUri: REDIRECT_URI });
  stack = await startTestStack({
    identity: {
      now: () => new Date(Date.now() + clockSkewMs),
      oidcProviders: [
        {
          id: 'local',
          name: 'Local IdP',
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
        },
      ],
    },
  });
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
  await idp?.close();
});

const START = /* GraphQL */ `
  mutation Start($provider: String!, $redirectUri: String!) {
    startOidcSignIn(provider: $provider, redirectUri: $redirectUri) {
      authorizationUrl
      state
    }
  }
`;
const COMPLETE = /* GraphQL */ `
  mutation Complete($provider: String!, $callbackUrl: String!) {
    completeOidcSignIn(provider: $provider, callbackUrl: $callbackUrl) {
      token
      user {
        id
        email
        displayName
      }
    }
  }
`;
const ME = /* GraphQL */ `
  query Me {
    me {
      email
      sessions {
        deviceType
        ip
      }
    }
  }
`;

interface Started {
  startOidcSignIn: { authorizationUrl: string; state: string };
}
interface Completed {
  completeOidcSignIn: { token: string; user: { id: string; email: string; displayName: string | null } };
}

/** A provider account with a fresh email address. */
function account(label: string, emailVerified = true) {
  const email = uniqueEmail(label);
  const login = `sub-${email}`;
  idp.accounts.set(login, { email, email_verified: emailVerified, name: `Ada ${label}` });
  return { email, login };
}

async function start() {
  const result = await stack.graphql<Started>(START, { provider: 'local', redirectUri: REDIRECT_URI });
  expect(result.errors).toBeUndefined();
  return result.data!.startOidcSignIn;
}

/** Starts a sign-in and plays the browser at the provider: the URL it sends the browser back to. */
async function callbackFor(login: string) {
  return idp.authorize((await start()).authorizationUrl, login);
}

const complete = (callbackUrl: string, provider = 'local') =>
  stack.graphql<Completed>(COMPLETE, { provider, callbackUrl });

async function counts(email: string) {
  const { rows } = await db.query<{ users: number; sessions: number }>(
    `select (select count(*)::int from identity.users where email = $1) as users,
            (select count(*)::int from identity.sessions s join identity.users u on u.id = s.user_id
              where u.email = $1) as sessions`,
    [email],
  );
  return rows[0]!;
}

async function attempts(email: string) {
  const { rows } = await db.query(
    `select method, outcome, user_id, device_type, ip from identity.sign_in_attempts
      where email = $1 order by occurred_at, seq`,
    [email],
  );
  return rows;
}

const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions?.code;

/** Refused as UNAUTHENTICATED, with nothing said about which check failed. */
function expectRefused(result: GraphQLResult<unknown>) {
  expect(result.data ?? null).toBeNull();
  expect(codeOf(result)).toBe('UNAUTHENTICATED');
  expect(JSON.stringify(result.errors)).not.toMatch(/verif|nonce|pkce|expire|state|email|redirect/i);
}

describe('OIDC sign-in against a local OpenID provider', () => {
  it('lists the configured providers to anyone', async () => {
    const result = await stack.graphql(/* GraphQL */ `
      query Providers {
        oidcProviders {
          id
          name
        }
      }
    `);
    expect(result).toMatchObject({ data: { oidcProviders: [{ id: 'local', name: 'Local IdP' }] } });
  });

  it('sends the browser to the provider with PKCE (S256), state, nonce and the OpenID scopes', async () => {
    const { authorizationUrl, state } = await start();
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(idp.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: idp.clientId,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'openid email profile',
      state,
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.stringMatching(/^[\w-]{20,}$/),
    });
  });

  it('signs in: the first time creates the user, the second reuses it; each opens a session', async () => {
    const { email, login } = account('oidc');

    const first = await complete(await callbackFor(login));
    expect(first.errors).toBeUndefined();
    expect(first.data!.completeOidcSignIn.user).toMatchObject({ email, displayName: 'Ada oidc' });
    const me = await stack.graphql(ME, {}, first.data!.completeOidcSignIn.token);
    expect(me.data).toEqual({ me: { email, sessions: [{ deviceType: 'DESKTOP', ip: '127.0.0.1' }] } });

    const second = await complete(await callbackFor(login));
    expect(second.errors).toBeUndefined();
    expect(second.data!.completeOidcSignIn.user.id).toBe(first.data!.completeOidcSignIn.user.id);
    expect(await counts(email)).toEqual({ users: 1, sessions: 2 });
    expect(await attempts(email)).toMatchObject([
      { method: 'OIDC', outcome: 'SUCCESS' },
      { method: 'OIDC', outcome: 'SUCCESS' },
    ]);
  });

  it('refuses a replayed callback URL: the state is single use', async () => {
    const { email, login } = account('replay');
    const callbackUrl = await callbackFor(login);
    expect((await complete(callbackUrl)).errors).toBeUndefined();

    const replay = await complete(callbackUrl);

    expectRefused(replay);
    expect(await counts(email)).toEqual({ users: 1, sessions: 1 });
  });

  it('lets only one of two concurrent completions with the same callback through', async () => {
    const { email, login } = account('race');
    const callbackUrl = await callbackFor(login);

    const results = await Promise.all([complete(callbackUrl), complete(callbackUrl)]);

    expect(results.map(codeOf).sort()).toEqual(['UNAUTHENTICATED', undefined]);
    expect(await counts(email)).toEqual({ users: 1, sessions: 1 });
  });

  describe('refusals change nothing', () => {
    it('a forged or unknown state', async () => {
      const { email, login } = account('forged');
      const genuine = new URL(await callbackFor(login));
      const forged = new URL(genuine);
      forged.searchParams.set('state', 'forged-state-that-was-never-issued');
      const stateless = new URL(genuine);
      stateless.searchParams.delete('state');

      for (const callbackUrl of [forged.href, stateless.href, 'not a url']) {
        // The flow was spent with the challenge: replayed, it is a plain refusal, no second challenge.
        const replay = await complete(callbackUrl);
        expectRefused(replay);
        expect(replay.errors?.[0]?.extensions?.reason).toBeUndefined();
      }
      expect(await counts(email)).toEqual({ users: 0, sessions: 0 });
    });

    it('an expired flow (ten minutes)', async () => {
      const { email, login } = account('expired');
      const callbackUrl = await callbackFor(login);
      clockSkewMs = 11 * 60_000;
      try {
        // The flow was spent with the challenge: replayed, it is a plain refusal, no second challenge.
        const replay = await complete(callbackUrl);
        expectRefused(replay);
        expect(replay.errors?.[0]?.extensions?.reason).toBeUndefined();
      } finally {
        clockSkewMs = 0;
      }
      expect(await counts(email)).toEqual({ users: 0, sessions: 0 });
    });

    it('an email the provider has not verified', async () => {
      const { email, login } = account('unverified', false);
      expectRefused(await complete(await callbackFor(login)));
      expect(await counts(email)).toEqual({ users: 0, sessions: 0 });
      // Recorded all the same, though the request's transaction rolled back.
      expect(await attempts(email)).toEqual([
        { method: 'OIDC', outcome: 'FAILURE', user_id: null, device_type: 'DESKTOP', ip: '127.0.0.1' },
      ]);
    });

    it('a callback the provider answered with an error, or sent elsewhere; the state is spent', async () => {
      const denied = new URL(REDIRECT_URI);
      denied.searchParams.set('error', 'access_denied');
      denied.searchParams.set('state', (await start()).state);
      denied.searchParams.set('iss', idp.issuer);
      expectRefused(await complete(denied.href));
      expectRefused(await complete(denied.href));

      const { email, login } = account('elsewhere');
      const genuine = new URL(await callbackFor(login));
      const elsewhere = new URL(`https://attacker.example/oidc/callback${genuine.search}`);
      expectRefused(await complete(elsewhere.href));
      // The genuine callback cannot be completed afterwards: the failed attempt spent its state.
      expectRefused(await complete(genuine.href));
      expect(await counts(email)).toEqual({ users: 0, sessions: 0 });
    });

    it('an unknown provider: BAD_USER_INPUT', async () => {
      const { email, login } = account('unknown-provider');
      const started = await stack.graphql(START, { provider: 'nope', redirectUri: REDIRECT_URI });
      expect(started).toMatchObject({ data: null, errors: [{ extensions: { field: 'provider' } }] });
      expect(codeOf(started)).toBe('BAD_USER_INPUT');

      const callbackUrl = await callbackFor(login);
      expect(codeOf(await complete(callbackUrl, 'nope'))).toBe('BAD_USER_INPUT');
      expect(await counts(email)).toEqual({ users: 0, sessions: 0 });
    });

    it.each(
      [
        'not a url',
        '/oidc/callback',
        'ftp://app.steward.test/oidc/callback',
        'javascript:alert(1)',
        'https://app.steward.test/oidc/callback?next=/admin',
        'https://app.steward.test/oidc/callback#fragment',
        'https://user:secret@app.steward.test/oidc/callback',
        `https://app.steward.test/${'a'.repeat(5000)}`,
      ].map((uri) => [uri.length > 80 ? `${uri.slice(0, 30)}… ${uri.length} characters` : uri, uri]),
    )('a bad redirectUri (%s): BAD_USER_INPUT', async (_label, redirectUri) => {
      const before = await db.query<{ n: number }>('select count(*)::int as n from identity.oidc_flows');
      const result = await stack.graphql(START, { provider: 'local', redirectUri });
      expect(result).toMatchObject({ data: null, errors: [{ extensions: { field: 'redirectUri' } }] });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      const after = await db.query<{ n: number }>('select count(*)::int as n from identity.oidc_flows');
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    });
  });

  it('stores only a hash of the state', async () => {
    const { state } = await start();
    const { rows } = await db.query<{ hashed: number; plain: number }>(
      `select count(*) filter (where state_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex'))::int as hashed,
              count(*) filter (where $1 in (state_hash, code_verifier, nonce, redirect_uri))::int as plain
         from identity.oidc_flows`,
      [state],
    );
    expect(rows[0]).toEqual({ hashed: 1, plain: 0 });
  });
});

describe('OIDC and a second factor', () => {
  const ENROL = /* GraphQL */ `
    mutation Enrol {
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
  const WITH_TOTP = /* GraphQL */ `
    mutation WithTotp($challenge: String!, $code: String!) {
      completeSignInWithTotp(challenge: $challenge, code: $code) {
        token
      }
    }
  `;

  it('answers a challenge for a person with an app; the provider callback is spent all the same', async () => {
    clockSkewMs = 0;
    const { email, login } = account('oidc-totp');
    const first = await complete(await callbackFor(login));
    const token = first.data!.completeOidcSignIn.token;
    const enrolled = await stack.graphql<{ startTotpEnrolment: { secret: string } }>(ENROL, {}, token);
    const totp = new TOTP({ secret: Secret.fromBase32(enrolled.data!.startTotpEnrolment.secret) });
    const confirmedAt = Date.now();
    expect(
      (await stack.graphql(CONFIRM, { code: totp.generate({ timestamp: confirmedAt }) }, token)).errors,
    ).toBeUndefined();
    const before = await counts(email);

    const callbackUrl = await callbackFor(login);
    const challenged = await complete(callbackUrl);
    expect(challenged.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'SECOND_FACTOR_REQUIRED',
      challenge: expect.any(String),
    });
    expect(await counts(email)).toEqual(before);
    // The flow was spent with the challenge: replayed, it is a plain refusal, no second challenge.
    const replay = await complete(callbackUrl);
    expectRefused(replay);
    expect(replay.errors?.[0]?.extensions?.reason).toBeUndefined();

    // A code of the next time step (the one of the confirmation is spent).
    const signedIn = await stack.graphql<{ completeSignInWithTotp: { token: string } }>(WITH_TOTP, {
      challenge: challenged.errors![0]!.extensions!.challenge,
      code: totp.generate({ timestamp: confirmedAt + 30_000 }),
    });
    expect(signedIn.errors).toBeUndefined();
    expect(await counts(email)).toEqual({ users: 1, sessions: before.sessions + 1 });
  });
});
