import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { rolesOf, urlForRole, type SubgraphName } from '../platform/database.ts';
import {
  API_KEYS,
  CREATE_API_KEY,
  REVOKE_API_KEY,
  apiKeyHelpers,
  codeOf,
  type ApiKeyView,
} from './support/api-keys.ts';
import { adminClient, startTestStack, type TestStack } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';

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

describe('creating a key', () => {
  it('shows the secret once, stores only its hash, and records the creation', async () => {
    const { admin, organizationId } = await helpers.organization('create');

    const { secret, apiKey } = await helpers.createKey(admin.token, organizationId, [
      'projects:read',
      'audit:read',
    ]);

    expect(secret).toMatch(/^stw_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({
      organizationId,
      name: 'Partner sync',
      prefix: secret.slice(4, 12),
      scopes: ['projects:read', 'audit:read'],
      createdBy: admin.userId,
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    const { rows } = await db.query<{ row: string; secret_hash: string }>(
      'select k::text as row, secret_hash from identity.api_keys k where id = $1',
      [apiKey.id],
    );
    const secretPart = secret.slice(13);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).not.toContain(secretPart);
    expect(rows[0]!.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(await helpers.outboxActions(organizationId, apiKey.id)).toEqual(['identity.api_key.created']);

    const listed = await stack.graphql<{ apiKeys: ApiKeyView[] }>(API_KEYS, { organizationId }, admin.token);
    expect(listed.data?.apiKeys).toEqual([apiKey]);
  });

  it('refuses bad input with coded errors and creates nothing', async () => {
    const { admin, organizationId } = await helpers.organization('bad-input');
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const cases = [
      { name: 'Unknown scope', scopes: ['projects:read', 'everything:write'], expiresAt: inAnHour },
      { name: 'No scope', scopes: [], expiresAt: inAnHour },
      { name: '', scopes: ['projects:read'], expiresAt: inAnHour },
      { name: '   ', scopes: ['projects:read'], expiresAt: inAnHour },
      { name: 'x'.repeat(101), scopes: ['projects:read'], expiresAt: inAnHour },
      {
        name: 'Past expiry',
        scopes: ['projects:read'],
        expiresAt: new Date(Date.now() - 1_000).toISOString(),
      },
    ];
    for (const variables of cases) {
      const result = await stack.graphql(CREATE_API_KEY, { organizationId, ...variables }, admin.token);
      expect({ variables, code: codeOf(result), data: result.data }).toEqual({
        variables,
        code: 'BAD_USER_INPUT',
        data: null,
      });
    }
    expect(await helpers.keysIn(organizationId)).toBe(0);
  });

  it('is for admins of the organization only: a MEMBER is FORBIDDEN, anyone else NOT_FOUND', async () => {
    const { admin, member, organizationId } = await helpers.organization('admins-only');
    const other = await helpers.organization('other-tenant');
    const { apiKey } = await helpers.createKey(admin.token, organizationId, ['projects:read']);
    const vars = { organizationId, name: 'Mine now', scopes: ['projects:read'] };

    expect(codeOf(await stack.graphql(CREATE_API_KEY, vars, member.token))).toBe('FORBIDDEN');
    expect(codeOf(await stack.graphql(API_KEYS, { organizationId }, member.token))).toBe('FORBIDDEN');
    expect(codeOf(await stack.graphql(REVOKE_API_KEY, { id: apiKey.id }, member.token))).toBe('FORBIDDEN');

    expect(codeOf(await stack.graphql(CREATE_API_KEY, vars, other.admin.token))).toBe('NOT_FOUND');
    expect(codeOf(await stack.graphql(API_KEYS, { organizationId }, other.admin.token))).toBe('NOT_FOUND');
    expect(codeOf(await stack.graphql(REVOKE_API_KEY, { id: apiKey.id }, other.admin.token))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await stack.graphql(CREATE_API_KEY, vars))).toBe('NOT_FOUND');

    expect(await helpers.keysIn(organizationId)).toBe(1);
    const { rows } = await db.query('select revoked_at from identity.api_keys where id = $1', [apiKey.id]);
    expect(rows).toEqual([{ revoked_at: null }]);
  });
});

describe('the prefix lookup, the one cross-tenant read', () => {
  async function asRuntimeRole<T>(subgraph: SubgraphName, work: (client: pg.Client) => Promise<T>) {
    const env = testEnvironment();
    const client = new pg.Client({
      connectionString: urlForRole(env.databaseUrl, rolesOf(subgraph).runtime, env.dbSecret),
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  it('gives the identity runtime role one row by prefix, and nothing to any other role', async () => {
    const { admin, organizationId } = await helpers.organization('lookup');
    const { apiKey } = await helpers.createKey(admin.token, organizationId, ['projects:read']);

    await asRuntimeRole('identity', async (client) => {
      const direct = await client.query('select count(*)::int as n from identity.api_keys where id = $1', [
        apiKey.id,
      ]);
      expect(direct.rows[0].n).toBe(0);
      const found = await client.query('select * from identity.api_key_by_prefix($1)', [apiKey.prefix]);
      expect(found.rows).toEqual([
        expect.objectContaining({
          id: apiKey.id,
          organization_id: organizationId,
          scopes: ['projects:read'],
        }),
      ]);
      expect(Object.keys(found.rows[0]).sort()).toEqual(
        ['expires_at', 'id', 'organization_id', 'revoked_at', 'scopes', 'secret_hash'].sort(),
      );
    });
    await asRuntimeRole('tenancy', async (client) => {
      await expect(
        client.query('select * from identity.api_key_by_prefix($1)', [apiKey.prefix]),
      ).rejects.toThrow(/permission denied/);
    });
    const { rows } = await db.query(
      `select has_function_privilege('public', 'identity.api_key_by_prefix(text)', 'execute') as public_may`,
    );
    expect(rows).toEqual([{ public_may: false }]);
  });
});
