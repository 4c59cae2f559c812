import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { SUBGRAPHS, rolesOf, urlForRole } from '../platform/database.ts';
import { adminClient, startTestStack, uniqueEmail } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';
import { addMembership } from './support/tenancy-fixtures.ts';

let db: pg.Client;
beforeAll(async () => {
  db = await adminClient();
});
afterAll(() => db?.end());

async function asRuntimeRole<T>(
  subgraph: (typeof SUBGRAPHS)[number],
  work: (client: pg.Client) => Promise<T>,
) {
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

describe.each(SUBGRAPHS)('the %s runtime role', (subgraph) => {
  const { runtime, owner } = rolesOf(subgraph);

  it('is not superuser, has no BYPASSRLS, cannot create roles or databases', async () => {
    const { rows } = await db.query(
      'select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = $1',
      [runtime],
    );
    expect(rows).toEqual([
      { rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false },
    ]);
  });

  it('owns no table, schema or sequence; the owner role owns the schema', async () => {
    const owned = await db.query(
      `select count(*)::int as n from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = $1`,
      [runtime],
    );
    expect(owned.rows[0].n).toBe(0);
    const schemas = await db.query(
      `select r.rolname from pg_namespace n join pg_roles r on r.oid = n.nspowner where n.nspname = $1`,
      [subgraph],
    );
    expect(schemas.rows).toEqual([{ rolname: owner }]);
  });

  it("has no privilege on another subgraph's schema and is refused when it tries", async () => {
    for (const other of SUBGRAPHS.filter((s) => s !== subgraph)) {
      const { rows } = await db.query(`select has_schema_privilege($1, $2, 'USAGE') as usage`, [
        runtime,
        other,
      ]);
      expect(rows[0].usage).toBe(false);
    }
    const other = subgraph === 'identity' ? 'tenancy.organizations' : 'identity.users';
    await asRuntimeRole(subgraph, async (client) => {
      await expect(client.query(`select * from ${other}`)).rejects.toThrow(/permission denied/);
    });
  });
});

describe('tables holding tenant data', () => {
  beforeAll(async () => {
    // Rows in every tenant table, so that "no rows without a tenant" is a real check.
    const stack = await startTestStack();
    try {
      const admin = await stack.signIn(uniqueEmail('rls'));
      const member = await stack.signIn(uniqueEmail('rls-member'));
      const org = await stack.graphql<{ createOrganization: { id: string } }>(
        'mutation { createOrganization(name: "RLS Check") { id } }',
        {},
        admin.token,
      );
      const organizationId = org.data!.createOrganization.id;
      await stack.graphql(
        'mutation($id: ID!) { createProject(organizationId: $id, name: "Visible only in scope") { id } }',
        { id: organizationId },
        admin.token,
      );
      await stack.graphql(
        'mutation($id: ID!) { createApiKey(organizationId: $id, name: "RLS key", scopes: ["projects:read"]) { secret } }',
        { id: organizationId },
        admin.token,
      );
      await stack.graphql(
        'mutation($id: ID!, $email: String!) { inviteMember(organizationId: $id, email: $email, role: MEMBER) { id } }',
        { id: organizationId, email: uniqueEmail('rls-invitee') },
        admin.token,
      );
      await addMembership(db, organizationId, member.userId);
      await db.query(
        `insert into tenancy.project_memberships (id, organization_id, project_id, user_id, role)
         select gen_random_uuid(), organization_id, id, $2, 'PARTICIPANT' from tenancy.projects where organization_id = $1`,
        [organizationId, member.userId],
      );
      // The outbox relay may have delivered the organization's first event already.
      await db.query(
        `insert into audit.events (id, organization_id, sequence, occurred_at, action, outcome, actor_type, hash)
         values (gen_random_uuid(), $1, 1, now(), 'test.rls', 'SUCCESS', 'SYSTEM', repeat('0', 64))
         on conflict do nothing`,
        [organizationId],
      );
      // Lifecycle's exports and outbox are tenant rows too.
      await stack.graphql(
        'mutation($id: ID!) { requestDataExport(subject: { organizationId: $id }) { id } }',
        { id: organizationId },
        admin.token,
      );
      // So are deletion requests, legal holds and retention rules, and single sign-on settings.
      for (const [mutation, variables] of [
        [
          'mutation($id: ID!) { setOrganizationSso(organizationId: $id, issuer: "https://idp.example.com", clientId: "rls") { organizationId } }',
          { id: organizationId },
        ],
        [
          'mutation($id: ID!) { addOrganizationSsoDomain(organizationId: $id, domain: "rls.example.com") { domain } }',
          { id: organizationId },
        ],
        [
          'mutation($id: ID!) { requestDeletion(subject: { organizationId: $id }, reason: "RLS") { id } }',
          { id: organizationId },
        ],
        [
          'mutation($id: ID!) { setLegalHold(organizationId: $id, hold: true) { id } }',
          { id: organizationId },
        ],
        [
          'mutation($id: ID!) { setRetentionPolicy(organizationId: $id, rules: [{ category: SESSIONS, keepFor: "P7D" }]) { category } }',
          { id: organizationId },
        ],
        // And an organization's sign-in policy (identity).
        [
          'mutation($id: ID!) { setSignInPolicy(organizationId: $id, policy: { secondFactor: NONE }) { secondFactor } }',
          { id: organizationId },
        ],
      ] as const) {
        expect((await stack.graphql(mutation, variables, admin.token)).errors).toBeUndefined();
      }
      // Audit retention settings and checkpoints are tenant rows too (chain heads follow events).
      await db.query('insert into audit.retention (organization_id, keep_months) values ($1, 12)', [
        organizationId,
      ]);
      await db.query(
        `insert into audit.checkpoints (organization_id, sequence, hash, purged_at, key_id, signature)
         values ($1, 1, repeat('0', 64), now(), repeat('0', 16), 'test')`,
        [organizationId],
      );
      // An incident's rows naming the organization (an operator's record, read by its admins).
      await db.query(
        `with incident as (
           insert into audit.incidents (id, title, description, severity, status, all_organizations, detected_at,
               declared_at, declared_by, notify_by, updated_at)
             values (gen_random_uuid(), 'RLS', 'RLS', 'LOW', 'INVESTIGATING', false, now(), now(), $2,
               now() + interval '1 year', now())
             returning id),
         affected as (
           insert into audit.incident_organizations (incident_id, organization_id, added_at)
             select id, $1, now() from incident)
         insert into audit.incident_notifications (id, incident_id, organization_id, update_sequence, created_at, next_attempt_at)
           select gen_random_uuid(), id, $1, 1, now(), now() + interval '1 year' from incident`,
        [organizationId, admin.userId],
      );
    } finally {
      await stack.close();
    }
  });

  it('have row-level security enabled and forced, and show no rows when no tenant is set', async () => {
    const { rows } = await db.query<{ schema: string; table: string; rls: boolean; forced: boolean }>(
      `select n.nspname as schema, c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'r' and n.nspname = any($1)
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and not a.attisdropped
                        and (a.attname = 'organization_id' or (n.nspname = 'tenancy' and c.relname = 'organizations')))`,
      [[...SUBGRAPHS]],
    );
    expect(rows.map((r) => `${r.schema}.${r.table}`).sort()).toEqual(
      expect.arrayContaining([
        'audit.events',
        'identity.api_keys',
        'identity.organization_sso',
        'identity.organization_sso_domains',
        'tenancy.audit_outbox',
        'tenancy.invitations',
        'tenancy.memberships',
        'tenancy.organizations',
        'tenancy.project_memberships',
        'tenancy.projects',
      ]),
    );
    const populated: string[] = [];
    // Not tenant data: the erasure ledger records completed deletions by id (an organization's, or a
    // person's with no organization), is read whole by backups and restores, and the runtime role may
    // only append to it (Migration20261208030000).
    const deploymentTables = ['lifecycle.erasure_ledger'];
    for (const table of rows.filter((r) => !deploymentTables.includes(`${r.schema}.${r.table}`))) {
      expect({ table: `${table.schema}.${table.table}`, rls: table.rls, forced: table.forced }).toEqual({
        table: `${table.schema}.${table.table}`,
        rls: true,
        forced: true,
      });
      // Each jest worker has a database of its own: a table no test of this worker wrote to yet is
      // empty, and shows nothing either way. The tables this file's own setup writes must not be.
      const all = await db.query(`select count(*)::int as n from ${table.schema}.${table.table}`);
      if (all.rows[0].n === 0) continue;
      populated.push(`${table.schema}.${table.table}`);
      await asRuntimeRole(table.schema as (typeof SUBGRAPHS)[number], async (client) => {
        const count = await client.query(`select count(*)::int as n from ${table.schema}.${table.table}`);
        expect(count.rows[0].n).toBe(0);
      });
    }
    expect(populated).toEqual(
      expect.arrayContaining([
        'audit.events',
        'tenancy.memberships',
        'tenancy.organizations',
        'tenancy.projects',
      ]),
    );
  });
});
