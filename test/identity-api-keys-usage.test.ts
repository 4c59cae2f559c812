import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import {
  API_KEYS,
  CREATE_PROJECT,
  ORGANIZATION_PROJECTS,
  REVOKE_API_KEY,
  apiKeyHelpers,
  codeOf,
  type ApiKeyView,
} from './support/api-keys.ts';
import { adminClient, startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let db: pg.Client;
let helpers: ReturnType<typeof apiKeyHelpers>;
beforeAll(async () => {
  stack = await startTestStack();
  db = await adminClient();
  helpers = apiKeyHelpers(stack, db);
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

describe('using a key', () => {
  it('reads its own organization within its scopes, and nothing else', async () => {
    const { admin, organizationId } = await helpers.organization('reader');
    const other = await helpers.organization('elsewhere');
    const { secret, apiKey } = await helpers.createKey(admin.token, organizationId, ['projects:read']);

    const own = await stack.graphql(ORGANIZATION_PROJECTS, { id: organizationId }, secret);
    expect(own.errors).toBeUndefined();
    expect(own.data).toEqual({
      organization: { name: 'Keys reader', projects: [{ name: 'reader project' }] },
    });

    const foreign = await stack.graphql(ORGANIZATION_PROJECTS, { id: other.organizationId }, secret);
    expect(foreign.data?.organization ?? null).toBeNull();
    expect(foreign.errors?.every((e) => e.extensions?.code === 'NOT_FOUND') ?? true).toBe(true);

    const write = await stack.graphql(CREATE_PROJECT, { organizationId, name: 'Sneaky project' }, secret);
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(write));
    const { rows } = await db.query(
      `select count(*)::int as n from tenancy.projects where organization_id = $1 and name = 'Sneaky project'`,
      [organizationId],
    );
    expect(rows[0].n).toBe(0);

    // A key never manages keys, not even of its own organization.
    const keys = await stack.graphql(API_KEYS, { organizationId }, secret);
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(keys));
    const revoke = await stack.graphql(REVOKE_API_KEY, { id: apiKey.id }, secret);
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(revoke));
  });

  it('is refused a read its scopes do not cover', async () => {
    const { admin, organizationId } = await helpers.organization('no-scope');
    const { secret } = await helpers.createKey(admin.token, organizationId, ['audit:read']);

    const result = await stack.graphql(ORGANIZATION_PROJECTS, { id: organizationId }, secret);

    expect(result.data?.organization ?? null).toBeNull();
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(result));
  });

  it('sets lastUsedAt and records the first use once', async () => {
    const { admin, organizationId } = await helpers.organization('last-used');
    const { secret, apiKey } = await helpers.createKey(admin.token, organizationId, ['projects:read']);
    const before = Date.now();

    for (let i = 0; i < 2; i++) {
      const result = await stack.graphql(ORGANIZATION_PROJECTS, { id: organizationId }, secret);
      expect(result.errors).toBeUndefined();
    }

    const listed = await stack.graphql<{ apiKeys: ApiKeyView[] }>(API_KEYS, { organizationId }, admin.token);
    const lastUsedAt = listed.data!.apiKeys[0]!.lastUsedAt;
    expect(lastUsedAt).not.toBeNull();
    expect(new Date(lastUsedAt!).getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(await helpers.outboxActions(organizationId, apiKey.id)).toEqual([
      'identity.api_key.created',
      'identity.api_key.first_used',
    ]);
  });
});

describe('refusing a key with 401', () => {
  it('after revocation, on the very next request; revoking again changes nothing', async () => {
    const { admin, organizationId } = await helpers.organization('revoked');
    const { secret, apiKey } = await helpers.createKey(admin.token, organizationId, ['projects:read']);
    expect((await stack.graphql(ORGANIZATION_PROJECTS, { id: organizationId }, secret)).status).toBe(200);

    const revoked = await stack.graphql<{ revokeApiKey: ApiKeyView }>(
      REVOKE_API_KEY,
      { id: apiKey.id },
      admin.token,
    );
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();

    const refused = await stack.graphql(ORGANIZATION_PROJECTS, { id: organizationId }, secret);
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');

    const again = await stack.graphql<{ revokeApiKey: ApiKeyView }>(
      REVOKE_API_KEY,
      { id: apiKey.id },
      admin.token,
    );
    expect(again.data!.revokeApiKey.revokedAt).toBe(revoked.data!.revokeApiKey.revokedAt);
    expect(await helpers.outboxActions(organizationId, apiKey.id)).toEqual([
      'identity.api_key.created',
      'identity.api_key.first_used',
      'identity.api_key.revoked',
    ]);
  });

  it('after expiry', async () => {
    const { admin, organizationId } = await helpers.organization('expired');
    const expiresAt = new Date(Date.now() + 1_500);
    const { secret } = await helpers.createKey(admin.token, organizationId, ['projects:read'], {
      expiresAt: expiresAt.toISOString(),
    });
    expect((await stack.graphql(ORGANIZATION_PROJECTS, { id: organizationId }, secret)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, expiresAt.getTime() - Date.now() + 100));

    const refused = await stack.graphql(ORGANIZATION_PROJECTS, { id: organizationId }, secret);
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
  });

  it('when it is forged: a known prefix with another secret, an unknown prefix, a malformed key', async () => {
    const { admin, organizationId } = await helpers.organization('forged');
    const { secret } = await helpers.createKey(admin.token, organizationId, ['projects:read']);
    const otherSecret = `${secret.slice(0, 13)}${'A'.repeat(43)}`;
    const unknownPrefix = `stw_ZZZZZZZZ_${secret.slice(13)}`;

    for (const forged of [otherSecret, unknownPrefix, 'stw_short_secret', `${secret}x`]) {
      const result = await stack.graphql(ORGANIZATION_PROJECTS, { id: organizationId }, forged);
      expect({ forged, status: result.status, code: codeOf(result) }).toEqual({
        forged,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('when passed in the query string, even alongside a valid session', async () => {
    const { admin, organizationId } = await helpers.organization('query-string');
    const { secret } = await helpers.createKey(admin.token, organizationId, ['projects:read']);

    for (const search of [`api_key=${secret}`, `access_token=${secret}`, `partner=${secret}`]) {
      const response = await helpers.postWithQueryString(search);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect({ search, status: response.status, code: body.errors[0]!.extensions.code }).toEqual({
        search,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
    const withSession = await helpers.postWithQueryString(`api_key=${secret}`, {
      authorization: `Bearer ${admin.token}`,
    });
    expect(withSession.status).toBe(401);
  });

  it('keeps apiKeyPrincipal out of the public graph', async () => {
    const { admin, organizationId } = await helpers.organization('internal');
    const { secret } = await helpers.createKey(admin.token, organizationId, ['projects:read']);

    const result = await stack.graphql(
      /* GraphQL */ `
        query Probe($secret: String!) {
          apiKeyPrincipal(secret: $secret) {
            keyId
          }
        }
      `,
      { secret },
    );

    expect(result.status).toBe(400);
    expect(codeOf(result)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
