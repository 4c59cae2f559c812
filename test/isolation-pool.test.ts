import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { rolesOf, SUBGRAPHS, urlForRole } from '../platform/database.ts';
import { TENANT_SETTING, USER_SETTING } from '../subgraphs/runtime/tenant-isolation.ts';
import { startTestStack, type GraphQLResult, type TestStack } from './support/stack.ts';
import { CREATE_PROJECT, organization, signIn, type SignedIn } from './support/tenancy-fixtures.ts';
import { testEnvironment } from './support/test-env.ts';

// Two tenants' requests interleaved over subgraph pools of TWO connections each: every request of
// one tenant runs on a connection the other's just used, including after rollbacks and thrown
// errors. (With ONE connection the stack stalls into timeouts: a subgraph's audit outbox relay
// holds its only connection while it posts to audit, whose only connection may be waiting on that
// subgraph; that is a liveness limit of the relay, not a leak, so two it is.) No answer may name the other tenant, and a principal without any tenant sees nothing:
// a tenant setting that survived its transaction would show up right there.

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ poolMax: 2 });
});
afterAll(async () => {
  await stack?.close();
});

interface Tenant {
  admin: SignedIn;
  organizationId: string;
  projectIds: string[];
}

const READ = /* GraphQL */ `
  query Read($id: ID!) {
    organizations {
      id
    }
    organization(id: $id) {
      id
      name
      projects {
        id
        name
      }
      members {
        user {
          id
        }
      }
    }
  }
`;
const PROJECT = /* GraphQL */ `
  query Project($id: ID!) {
    project(id: $id) {
      id
      organization {
        id
      }
    }
  }
`;
const API_KEYS = /* GraphQL */ `
  query Keys($organizationId: ID!) {
    apiKeys(organizationId: $organizationId) {
      id
      organizationId
    }
  }
`;
const AUDIT = /* GraphQL */ `
  query Audit($organizationId: ID!) {
    auditEvents(organizationId: $organizationId, first: 5) {
      edges {
        node {
          id
          target {
            id
          }
        }
      }
    }
  }
`;
const NO_TENANT = /* GraphQL */ `
  query NoTenant {
    organizations {
      id
    }
    me {
      memberships {
        organization {
          id
        }
      }
    }
  }
`;

/** One round of a tenant's traffic: reads, a commit, a rollback (bad input) and a thrown NOT_FOUND. */
function round(self: Tenant, other: Tenant, i: number): Promise<GraphQLResult>[] {
  const token = self.admin.token;
  return [
    stack.graphql(READ, { id: self.organizationId }, token),
    stack.graphql(PROJECT, { id: self.projectIds[i % self.projectIds.length] }, token),
    stack.graphql(API_KEYS, { organizationId: self.organizationId }, token),
    stack.graphql(AUDIT, { organizationId: self.organizationId }, token),
    stack.graphql(CREATE_PROJECT, { organizationId: self.organizationId, name: ' ' }, token),
    stack.graphql(CREATE_PROJECT, { organizationId: other.organizationId, name: `Intrusion ${i}` }, token),
    stack.graphql(PROJECT, { id: other.projectIds[0] }, token),
    ...(i % 5 === 0
      ? [stack.graphql(CREATE_PROJECT, { organizationId: self.organizationId, name: `Round ${i}` }, token)]
      : []),
  ];
}

const idsOf = (t: Tenant) => [t.organizationId, t.admin.userId, ...t.projectIds];

describe('interleaved tenants over pools of two connections', () => {
  let a: Tenant;
  let b: Tenant;
  let stranger: SignedIn;
  beforeAll(async () => {
    const [oa, ob] = await Promise.all([organization(stack, 'pool-a'), organization(stack, 'pool-b')]);
    a = { admin: oa.admin, organizationId: oa.organizationId, projectIds: [oa.projectId] };
    b = { admin: ob.admin, organizationId: ob.organizationId, projectIds: [ob.projectId] };
    stranger = await signIn(stack, 'pool-stranger');
  });

  it('never answers one tenant with the other’s rows, and a tenant-less principal sees nothing', async () => {
    const seen = { a: [] as string[], b: [] as string[], stranger: [] as string[] };
    for (let i = 0; i < 12; i++) {
      const batch = await Promise.all([
        Promise.all(round(a, b, i)),
        Promise.all(round(b, a, i)),
        Promise.all([
          stack.graphql(NO_TENANT, {}, stranger.token),
          stack.graphql(NO_TENANT, {}, stranger.token),
        ]),
      ]);
      const [fromA, fromB, fromStranger] = batch.map((results) => results.map((r) => JSON.stringify(r)));
      seen.a.push(...fromA!);
      seen.b.push(...fromB!);
      seen.stranger.push(...fromStranger!);
      // Projects created this round are ids the other tenant must never see either.
      for (const [tenant, results] of [
        [a, batch[0]],
        [b, batch[1]],
      ] as const) {
        for (const result of results) {
          const created = (result.data as { createProject?: { id: string } } | null | undefined)
            ?.createProject;
          if (created) tenant.projectIds.push(created.id);
        }
      }
      for (const result of batch[2]!) {
        expect(result.errors).toBeUndefined();
        expect(result.data).toEqual({ organizations: [], me: { memberships: [] } });
      }
    }
    expect(a.projectIds.length).toBeGreaterThan(1);
    for (const body of seen.a) for (const id of idsOf(b)) expect(body.includes(id) ? body : '').toBe('');
    for (const body of seen.b) for (const id of idsOf(a)) expect(body.includes(id) ? body : '').toBe('');
    for (const body of seen.stranger)
      for (const id of [...idsOf(a), ...idsOf(b)]) expect(body.includes(id) ? body : '').toBe('');
    // The intrusions and the blank names changed nothing: only the rounds' own projects exist.
    const read = await stack.graphql<{ organization: { projects: { id: string }[] } }>(
      READ,
      { id: a.organizationId },
      a.admin.token,
    );
    expect(read.data?.organization.projects.map((p) => p.id).sort()).toEqual([...a.projectIds].sort());
  });
});

describe('the tenant setting', () => {
  it('is transaction-local: after a transaction that set it, the runtime connection has none', async () => {
    const env = testEnvironment();
    for (const subgraph of SUBGRAPHS) {
      const client = new pg.Client({
        connectionString: urlForRole(env.databaseUrl, rolesOf(subgraph).runtime, env.dbSecret),
      });
      await client.connect();
      try {
        const setting = async () =>
          (
            await client.query<{ tenant: string | null; user: string | null }>(
              `select current_setting('${TENANT_SETTING}', true) as tenant, current_setting('${USER_SETTING}', true) as user`,
            )
          ).rows[0]!;
        // The runtime's way: set_config(..., true) inside the transaction, committed or rolled back.
        for (const end of ['commit', 'rollback']) {
          await client.query('begin');
          await client.query(`select set_config('${TENANT_SETTING}', $1, true)`, [
            '00000000-0000-0000-0000-000000000001',
          ]);
          await client.query(`select set_config('${USER_SETTING}', $1, true)`, [
            '00000000-0000-0000-0000-000000000002',
          ]);
          await client.query(end);
          const after = await setting();
          expect([after.tenant ?? '', after.user ?? '']).toEqual(['', '']);
        }
      } finally {
        await client.end();
      }
    }
  });

  it('is never set per session anywhere in the subgraphs (no `set app.…`, no set_config(…, false))', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          const text = readFileSync(path, 'utf8');
          if (/\bset\s+(session\s+)?app\./i.test(text) || /set_config\([^)]*,\s*false\s*\)/i.test(text))
            offenders.push(path);
        }
      }
    };
    walk(new URL('../subgraphs', import.meta.url).pathname);
    expect(offenders).toEqual([]);
  });
});
