import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { txtLookup } from '../subgraphs/identity/src/organization-sso/domain-verification.ts';
import { codeOf } from './support/api-keys.ts';
import { startDnsServer, type LocalDnsServer } from './support/dns-server.ts';
import { startOidcProvider, type LocalOidcProvider } from './support/oidc-provider.ts';
import { adminClient, startTestStack, type TestStack } from './support/stack.ts';
import { join, organization } from './support/tenancy-fixtures.ts';

// An organization's own identity provider (a real oidc-provider) and its domain proven through a
// real DNS server: set up by its admin, then its people sign in through it, through the gateway.
const REDIRECT_URI = 'https://app.steward.test/sso/callback';

let idp: LocalOidcProvider;
let dns: LocalDnsServer;
let stack: TestStack;
let db: pg.Client;

beforeAll(async () => {
  idp = await startOidcProvider({ redirectUri: REDIRECT_URI });
  dns = await startDnsServer();
  stack = await startTestStack({ identity: { txtLookup: txtLookup([dns.server]) } });
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
  await dns?.close();
  await idp?.close();
});

const SSO_FIELDS = /* GraphQL */ `
  organizationId
  issuer
  clientId
  hasClientSecret
  domains {
    domain
    verificationRecordName
    verificationRecordValue
    verifiedAt
  }
`;
const SET = /* GraphQL */ `
  mutation Set($organizationId: ID!, $issuer: String!, $clientId: String!, $clientSecret: String) {
    setOrganizationSso(organizationId: $organizationId, issuer: $issuer, clientId: $clientId, clientSecret: $clientSecret) {
      ${SSO_FIELDS}
    }
  }
`;
const GET = /* GraphQL */ `
  query Get($organizationId: ID!) {
    organizationSso(organizationId: $organizationId) {
      ${SSO_FIELDS}
    }
  }
`;
const ADD_DOMAIN = /* GraphQL */ `
  mutation Add($organizationId: ID!, $domain: String!) {
    addOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {
      domain
      verificationRecordName
      verificationRecordValue
      verifiedAt
    }
  }
`;
const VERIFY_DOMAIN = /* GraphQL */ `
  mutation Verify($organizationId: ID!, $domain: String!) {
    verifyOrganizationSsoDomain(organizationId: $organizationId, domain: $domain) {
      domain
      verifiedAt
    }
  }
`;
const START = /* GraphQL */ `
  mutation Start($email: String!, $redirectUri: String!) {
    startSsoSignIn(email: $email, redirectUri: $redirectUri) {
      authorizationUrl
      state
      organizationId
    }
  }
`;
const COMPLETE = /* GraphQL */ `
  mutation Complete($organizationId: ID!, $callbackUrl: String!) {
    completeSsoSignIn(organizationId: $organizationId, callbackUrl: $callbackUrl) {
      token
      session {
        authenticationMethods
      }
      user {
        email
      }
    }
  }
`;

interface Domain {
  domain: string;
  verificationRecordName: string;
  verificationRecordValue: string;
  verifiedAt: string | null;
}

const newDomain = () => `sso-${randomUUID().slice(0, 8)}.steward.test`;

/** An organization whose admin set up the local provider and proved `domain` in DNS. */
async function organizationWithSso(label: string, domain = newDomain()) {
  const org = await organization(stack, label);
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
  const added = await stack.graphql<{ addOrganizationSsoDomain: Domain }>(
    ADD_DOMAIN,
    { organizationId: org.organizationId, domain },
    org.admin.token,
  );
  expect(added.errors).toBeUndefined();
  const record = added.data!.addOrganizationSsoDomain;
  dns.txt.set(record.verificationRecordName, [record.verificationRecordValue]);
  const verified = await stack.graphql(
    VERIFY_DOMAIN,
    { organizationId: org.organizationId, domain },
    org.admin.token,
  );
  expect(verified.errors).toBeUndefined();
  return { ...org, domain };
}

function person(domain: string, verified = true) {
  const email = `ada-${randomUUID().slice(0, 8)}@${domain}`;
  const login = `sub-${email}`;
  idp.accounts.set(login, { email, email_verified: verified, name: 'Ada' });
  return { email, login };
}

async function signInThroughSso(email: string, login: string) {
  const started = await stack.graphql<{
    startSsoSignIn: { authorizationUrl: string; organizationId: string };
  }>(START, { email, redirectUri: REDIRECT_URI });
  expect(started.errors).toBeUndefined();
  const { authorizationUrl, organizationId } = started.data!.startSsoSignIn;
  const callbackUrl = await idp.authorize(authorizationUrl, login);
  return stack.graphql<{
    completeSsoSignIn: {
      token: string;
      session: { authenticationMethods: string[] };
      user: { email: string };
    };
  }>(COMPLETE, { organizationId, callbackUrl });
}

describe('per-organization single sign-on (OpenID Connect)', () => {
  it('an admin sets it up, proves a domain in DNS, and its people sign in through the provider', async () => {
    const org = await organizationWithSso('sso');
    const read = await stack.graphql<{ organizationSso: { hasClientSecret: boolean; domains: Domain[] } }>(
      GET,
      { organizationId: org.organizationId },
      org.admin.token,
    );
    expect(read.data!.organizationSso).toMatchObject({
      issuer: idp.issuer,
      clientId: idp.clientId,
      hasClientSecret: true,
      domains: [{ domain: org.domain, verifiedAt: expect.any(String) }],
    });
    // The secret is sealed at rest, and never in an answer or an audit event.
    const { rows } = await db.query<{ sealed: string }>(
      'select client_secret_sealed as sealed from identity.organization_sso where organization_id = $1',
      [org.organizationId],
    );
    expect(rows[0]!.sealed).toMatch(/^local:[0-9a-f]{16}\/v1\./);
    expect(rows[0]!.sealed).not.toContain(idp.clientSecret);
    const events = await db.query<{ event: unknown }>(
      `select event from identity.audit_outbox where organization_id = $1 and event->>'action' like 'identity.organization_sso.%'`,
      [org.organizationId],
    );
    expect(events.rows.map((row) => (row.event as { action: string }).action).sort()).toEqual([
      'identity.organization_sso.domain_added',
      'identity.organization_sso.domain_verified',
      'identity.organization_sso.set',
    ]);
    expect(JSON.stringify(events.rows)).not.toContain(idp.clientSecret);

    const { email, login } = person(org.domain);
    const signedIn = await signInThroughSso(email, login);
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.completeSsoSignIn).toMatchObject({
      user: { email },
      session: { authenticationMethods: ['SSO'] },
    });
    const me = await stack.graphql<{ me: { email: string } }>(
      '{ me { email } }',
      {},
      signedIn.data!.completeSsoSignIn.token,
    );
    expect(me.data!.me.email).toBe(email);
  });

  it('an address of no verified domain is told so; an unproven domain does not count', async () => {
    const unknown = await stack.graphql(START, { email: `x@${newDomain()}`, redirectUri: REDIRECT_URI });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'SSO_NOT_CONFIGURED',
    });

    const org = await organization(stack, 'sso-unproven');
    const domain = newDomain();
    await stack.graphql(
      SET,
      {
        organizationId: org.organizationId,
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
      },
      org.admin.token,
    );
    await stack.graphql(ADD_DOMAIN, { organizationId: org.organizationId, domain }, org.admin.token);
    // A wrong record, then none: still unverified, and nothing signs in through it.
    dns.txt.set(`_steward-verification.${domain}`, ['steward-verification=not-the-token']);
    const refused = await stack.graphql(
      VERIFY_DOMAIN,
      { organizationId: org.organizationId, domain },
      org.admin.token,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'DOMAIN_NOT_VERIFIED',
    });
    const start = await stack.graphql(START, { email: `ada@${domain}`, redirectUri: REDIRECT_URI });
    expect(start.errors?.[0]?.extensions).toMatchObject({ reason: 'SSO_NOT_CONFIGURED' });
  });

  it('a domain another organization verified cannot be taken', async () => {
    const first = await organizationWithSso('sso-first');
    const second = await organization(stack, 'sso-second');
    await stack.graphql(
      SET,
      { organizationId: second.organizationId, issuer: idp.issuer, clientId: 'other-client' },
      second.admin.token,
    );
    const added = await stack.graphql<{ addOrganizationSsoDomain: Domain }>(
      ADD_DOMAIN,
      { organizationId: second.organizationId, domain: first.domain },
      second.admin.token,
    );
    const record = added.data!.addOrganizationSsoDomain;
    // Even with the second organization's own record published beside the first's.
    dns.txt.set(record.verificationRecordName, [
      ...(dns.txt.get(record.verificationRecordName) ?? []),
      record.verificationRecordValue,
    ]);
    const taken = await stack.graphql(
      VERIFY_DOMAIN,
      { organizationId: second.organizationId, domain: first.domain },
      second.admin.token,
    );
    expect(codeOf(taken)).toBe('CONFLICT');
  });

  it('refuses a provider identity outside the organization’s domains, or with an unverified email', async () => {
    const org = await organizationWithSso('sso-outside');
    // The provider vouches for an address of another domain: the organization cannot sign it in.
    const outsider = person(newDomain());
    const started = await stack.graphql<{
      startSsoSignIn: { authorizationUrl: string; organizationId: string };
    }>(START, { email: person(org.domain).email, redirectUri: REDIRECT_URI });
    const callbackUrl = await idp.authorize(started.data!.startSsoSignIn.authorizationUrl, outsider.login);
    const refused = await stack.graphql(COMPLETE, { organizationId: org.organizationId, callbackUrl });
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    const users = await db.query('select 1 from identity.users where email = $1', [outsider.email]);
    expect(users.rowCount).toBe(0);

    const unverified = person(org.domain, false);
    expect(codeOf(await signInThroughSso(unverified.email, unverified.login))).toBe('UNAUTHENTICATED');
    const attempts = await db.query<{ method: string; outcome: string }>(
      'select method, outcome from identity.sign_in_attempts where email = $1',
      [unverified.email],
    );
    expect(attempts.rows).toEqual([{ method: 'SSO', outcome: 'FAILURE' }]);
  });

  it('the same callback completes once, even fired 10 times in parallel', async () => {
    const org = await organizationWithSso('sso-race');
    const { email, login } = person(org.domain);
    const started = await stack.graphql<{
      startSsoSignIn: { authorizationUrl: string; organizationId: string };
    }>(START, { email, redirectUri: REDIRECT_URI });
    const callbackUrl = await idp.authorize(started.data!.startSsoSignIn.authorizationUrl, login);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        stack.graphql(COMPLETE, { organizationId: org.organizationId, callbackUrl }),
      ),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => codeOf(r) === 'UNAUTHENTICATED').length).toBe(9);
  });

  it('only the organization’s admins see or change it: a member FORBIDDEN, another organization’s admin NOT_FOUND', async () => {
    const org = await organizationWithSso('sso-perm');
    const member = await join(stack, org.admin.token, { organizationId: org.organizationId, role: 'MEMBER' });
    const stranger = await organization(stack, 'sso-stranger');
    for (const [token, code] of [
      [member.token, 'FORBIDDEN'],
      [stranger.admin.token, 'NOT_FOUND'],
    ] as const) {
      expect(codeOf(await stack.graphql(GET, { organizationId: org.organizationId }, token))).toBe(code);
      const set = await stack.graphql(
        SET,
        { organizationId: org.organizationId, issuer: 'https://evil.example', clientId: 'x' },
        token,
      );
      expect(codeOf(set)).toBe(code);
    }
    const { rows } = await db.query<{ issuer: string }>(
      'select issuer from identity.organization_sso where organization_id = $1',
      [org.organizationId],
    );
    expect(rows[0]!.issuer).toBe(idp.issuer);
  });

  it('bad input is refused with a coded error and changes nothing', async () => {
    const org = await organization(stack, 'sso-bad');
    for (const issuer of [
      'not a url',
      'ftp://idp.example',
      'http://idp.example',
      'https://u:p@idp.example',
      'https://idp.example/?q=1',
    ]) {
      const result = await stack.graphql(
        SET,
        { organizationId: org.organizationId, issuer, clientId: 'x' },
        org.admin.token,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'issuer' });
    }
    expect(
      codeOf(
        await stack.graphql(
          SET,
          { organizationId: org.organizationId, issuer: idp.issuer, clientId: ' ' },
          org.admin.token,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    const noSso = await stack.graphql(
      ADD_DOMAIN,
      { organizationId: org.organizationId, domain: 'example.com' },
      org.admin.token,
    );
    expect(codeOf(noSso)).toBe('NOT_FOUND');
    await stack.graphql(
      SET,
      { organizationId: org.organizationId, issuer: idp.issuer, clientId: 'x' },
      org.admin.token,
    );
    for (const domain of [
      'localhost',
      'exa mple.com',
      '-bad.example',
      'a'.repeat(300) + '.com',
      'ex_ample.com',
    ]) {
      const result = await stack.graphql(
        ADD_DOMAIN,
        { organizationId: org.organizationId, domain },
        org.admin.token,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'domain' });
    }
    const { rows } = await db.query(
      'select domain from identity.organization_sso_domains where organization_id = $1',
      [org.organizationId],
    );
    expect(rows).toEqual([]);
    const badStart = await stack.graphql(START, { email: 'not-an-email', redirectUri: REDIRECT_URI });
    expect(badStart.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  });
});
