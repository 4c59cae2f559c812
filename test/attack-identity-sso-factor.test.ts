import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { Secret, TOTP } from 'otpauth';
import { txtLookup } from '../subgraphs/identity/src/organization-sso/domain-verification.ts';
import { startDnsServer, type LocalDnsServer } from './support/dns-server.ts';
import { startOidcProvider, type LocalOidcProvider } from './support/oidc-provider.ts';
import { adminClient, startTestStack, type GraphQLResult, type TestStack } from './support/stack.ts';
import { movableClock } from './support/sign-in.ts';
import { organization } from './support/tenancy-fixtures.ts';

// A person who enrolled an authenticator app, signing in through an organization's single sign-on:
// the organization's provider vouches for the address, and the person's own second factor is still
// asked, as after every other first factor (the session is their whole account, not that
// organization's: an admin who runs the provider must not sign in as them past their app).
const REDIRECT_URI = 'https://app.steward.test/sso/callback';
const clock = movableClock();
let idp: LocalOidcProvider;
let dns: LocalDnsServer;
let stack: TestStack;
let db: pg.Client;

beforeAll(async () => {
  idp = await startOidcProvider({ redirectUri: REDIRECT_URI });
  dns = await startDnsServer();
  stack = await startTestStack({ identity: { now: clock.now, txtLookup: txtLookup([dns.server]) } });
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
  await dns?.close();
  await idp?.close();
});

const SET = /* GraphQL */ `
  mutation Set($organizationId: ID!, $issuer: String!, $clientId: String!, $clientSecret: String) {
    setOrganizationSso(
      organizationId: $organizationId
      issuer: $issuer
      clientId: $clientId
      clientSecret: $clientSecret
    ) {
      organizationId
    }
  }
`;
const ADD_DOMAIN = /* GraphQL */ `
  mutation Add($organizationId: ID!, $domain: String!) {
    addOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {
      verificationRecordName
      verificationRecordValue
    }
  }
`;
const VERIFY_DOMAIN = /* GraphQL */ `
  mutation Verify($organizationId: ID!, $domain: String!) {
    verifyOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {
      verifiedAt
    }
  }
`;
const START_SSO = /* GraphQL */ `
  mutation StartSso($email: String!, $redirectUri: String!) {
    startSsoSignIn(email: $email, redirectUri: $redirectUri) {
      authorizationUrl
      organizationId
    }
  }
`;
const COMPLETE_SSO = /* GraphQL */ `
  mutation CompleteSso($organizationId: ID!, $callbackUrl: String!) {
    completeSsoSignIn(organizationId: $organizationId, callbackUrl: $callbackUrl) {
      token
      user {
        id
      }
    }
  }
`;
const START_TOTP = /* GraphQL */ `
  mutation StartTotp {
    startTotpEnrolment {
      secret
    }
  }
`;
const CONFIRM_TOTP = /* GraphQL */ `
  mutation ConfirmTotp($code: String!) {
    confirmTotpEnrolment(code: $code) {
      codes
    }
  }
`;
const WITH_TOTP = /* GraphQL */ `
  mutation WithTotp($challenge: String!, $code: String!) {
    completeSignInWithTotp(challenge: $challenge, code: $code) {
      session {
        authenticationMethods
      }
    }
  }
`;

const codeAt = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock.now().getTime() });
const extensionsOf = (result: GraphQLResult<unknown>) => result.errors?.[0]?.extensions;

async function signInThroughSso(email: string, login: string) {
  const started = await stack.graphql<{
    startSsoSignIn: { authorizationUrl: string; organizationId: string };
  }>(START_SSO, { email, redirectUri: REDIRECT_URI });
  expect(started.errors).toBeUndefined();
  const { authorizationUrl, organizationId } = started.data!.startSsoSignIn;
  const callbackUrl = await idp.authorize(authorizationUrl, login);
  return stack.graphql<{ completeSsoSignIn: { token: string; user: { id: string } } }>(COMPLETE_SSO, {
    organizationId,
    callbackUrl,
  });
}

describe('single sign-on of a person with a second factor', () => {
  it('asks for the app after the provider, and opens no session before', async () => {
    const org = await organization(stack, 'sso-factor');
    const domain = `sso-${randomUUID().slice(0, 8)}.steward.test`;
    const set = await stack.graphql(
      SET,
      {
        organizationId: org.organizationId,
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
      },
      org.admin.token,
    );
    expect(set.errors).toBeUndefined();
    const added = await stack.graphql<{
      addOrganizationSsoDomain: { verificationRecordName: string; verificationRecordValue: string };
    }>(ADD_DOMAIN, { organizationId: org.organizationId, domain }, org.admin.token);
    const record = added.data!.addOrganizationSsoDomain;
    dns.txt.set(record.verificationRecordName, [record.verificationRecordValue]);
    expect(
      (await stack.graphql(VERIFY_DOMAIN, { organizationId: org.organizationId, domain }, org.admin.token))
        .errors,
    ).toBeUndefined();

    const email = `ada-${randomUUID().slice(0, 8)}@${domain}`;
    const login = `sub-${email}`;
    idp.accounts.set(login, { email, email_verified: true, name: 'Ada' });
    const first = await signInThroughSso(email, login);
    expect(first.errors).toBeUndefined();
    const { token, user } = first.data!.completeSsoSignIn;
    const started = await stack.graphql<{ startTotpEnrolment: { secret: string } }>(START_TOTP, {}, token);
    const { secret } = started.data!.startTotpEnrolment;
    expect((await stack.graphql(CONFIRM_TOTP, { code: codeAt(secret) }, token)).errors).toBeUndefined();
    clock.advance(30_000);
    const sessionsBefore = await db.query(
      'select count(*)::int as n from identity.sessions where user_id = $1',
      [user.id],
    );

    const again = await signInThroughSso(email, login);
    expect(again.data ?? null).toBeNull();
    expect(extensionsOf(again)).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'SECOND_FACTOR_REQUIRED',
      factors: expect.arrayContaining(['TOTP']),
    });
    const sessionsAfter = await db.query(
      'select count(*)::int as n from identity.sessions where user_id = $1',
      [user.id],
    );
    expect(sessionsAfter.rows).toEqual(sessionsBefore.rows);
    const completed = await stack.graphql<{
      completeSignInWithTotp: { session: { authenticationMethods: string[] } };
    }>(WITH_TOTP, { challenge: extensionsOf(again)!.challenge, code: codeAt(secret) });
    expect(completed.errors).toBeUndefined();
    expect(completed.data!.completeSignInWithTotp.session.authenticationMethods).toEqual(['SSO', 'TOTP']);
  });
});
