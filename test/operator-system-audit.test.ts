import { enrolTotp, operatorSession } from './support/operator.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import {
  adminClient,
  createIsolatedDatabase,
  startTestStack,
  uniqueEmail,
  type TestStack,
} from './support/stack.ts';
import { adminWithOrganization, waitFor } from './support/audit-helpers.ts';
import { scrape, seriesSum } from './support/metrics.ts';

// Database administration and operators' reads in the system audit chain, end to end: a superuser's
// DDL, GRANT and CREATE ROLE outside Steward, recorded within the (test's 1 s) interval with the
// session user; Steward's own migrations recorded as such; only operators read it; tampering shows.

let stack: TestStack;
let databaseUrl: string;
let db: pg.Client;
const operatorEmail = uniqueEmail('operator');
const intruderRole = `steward_intruder_${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  // Its own database: the chain holds this test's events only (its migrations, its DDL).
  databaseUrl = await createIsolatedDatabase();
  stack = await startTestStack({
    databaseUrl,
    identity: { operators: [operatorEmail.toUpperCase()] },
    audit: { databaseAuditIntervalMs: 1000 },
  });
  db = await adminClient(databaseUrl);
}, 120_000);
afterAll(async () => {
  await db?.query(`drop role if exists ${intruderRole}`);
  await db?.end();
  await stack?.close();
});

const EVENTS = /* GraphQL */ `
  query SystemEvents($filter: SystemAuditEventFilter, $first: Int, $after: String) {
    systemAuditEvents(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          sequence
          source
          action
          actor
          metadata
          hash
          previousHash
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const CHAIN = /* GraphQL */ `
  query SystemChain {
    systemAuditChain {
      valid
      events
      brokenAt
      breakReason
      headSequence
      recordedHeadSequence
    }
  }
`;

interface SystemEvent {
  sequence: number;
  source: string;
  action: string;
  actor: string | null;
  metadata: Record<string, unknown> & { objects?: { identity?: string }[] };
}

interface Page {
  systemAuditEvents: {
    edges: { node: SystemEvent }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
}

async function events(token: string, filter: Record<string, unknown> = {}): Promise<SystemEvent[]> {
  const result = await stack.graphql<Page>(EVENTS, { filter, first: 100 }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.systemAuditEvents.edges.map((edge) => edge.node);
}

/** The configured operator's session, with the second factor operator operations require. */
const operator = () => operatorSession(stack, operatorEmail);

describe('the operator role', () => {
  it('lets a configured operator read the system chain, whatever the case of the configured address', async () => {
    const { token } = await operator();
    const result = await stack.graphql<Page>(EVENTS, { first: 1 }, token);
    expect(result.errors).toBeUndefined();
    // Empty only before the recorder's first pass; the read itself is appended after the page.
    expect(result.data?.systemAuditEvents.edges.length).toBeLessThanOrEqual(1);
  });

  it('refuses anyone else: FORBIDDEN for a user or an organization admin, UNAUTHENTICATED without a session', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('org-admin'));
    for (const query of [EVENTS, CHAIN]) {
      const asAdmin = await stack.graphql(query, {}, admin.token);
      expect(asAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(asAdmin.data).toBeNull();
      const anonymous = await stack.graphql(query, {});
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('records every operator read in the system chain, with the operator as actor', async () => {
    const { token, userId } = await operator();
    await stack.graphql(CHAIN, {}, token);
    const reads = await events(token, { source: 'OPERATOR' });
    expect(reads.map((e) => e.action)).toEqual(
      expect.arrayContaining(['operator.system-audit.read', 'operator.system-audit.verify']),
    );
    expect(reads.every((e) => e.actor === userId || e.actor !== null)).toBe(true);
    expect(reads.some((e) => e.actor === userId)).toBe(true);
  });

  it('lets an operator grant the role to another user and revoke it, each in the system chain', async () => {
    const GRANT = /* GraphQL */ `
      mutation Grant($email: String!) {
        grantOperator(email: $email)
      }
    `;
    const REVOKE = /* GraphQL */ `
      mutation Revoke($email: String!) {
        revokeOperator(email: $email)
      }
    `;
    const granter = await operator();
    const colleagueEmail = uniqueEmail('colleague');
    const colleague = await stack.signIn(colleagueEmail);
    // Not an operator yet: neither reads the chain nor grants.
    expect((await stack.graphql(EVENTS, {}, colleague.token)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const selfGrant = await stack.graphql(GRANT, { email: colleagueEmail }, colleague.token);
    expect(selfGrant.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stack.graphql(GRANT, { email: uniqueEmail('nobody') }, granter.token)).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'email' } }],
    });
    expect((await stack.graphql(GRANT, { email: colleagueEmail }, granter.token)).data).toEqual({
      grantOperator: true,
    });
    // The colleague's own session is an operator's now (the gateway drops the cached principal),
    // but one signed in without a second factor: refused until the colleague gives one.
    await waitFor(
      async () =>
        (await stack.graphql(EVENTS, { first: 1 }, colleague.token)).errors?.[0]?.extensions?.reason ===
        'SECOND_FACTOR_REQUIRED',
      'the granted role',
    );
    for (const query of [EVENTS, CHAIN]) {
      expect((await stack.graphql(query, {}, colleague.token)).errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'SECOND_FACTOR_REQUIRED',
      });
    }
    const refused = await stack.graphql(REVOKE, { email: operatorEmail }, colleague.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ reason: 'SECOND_FACTOR_REQUIRED' });
    await enrolTotp(stack, colleague.token);
    expect((await stack.graphql(EVENTS, { first: 1 }, colleague.token)).errors).toBeUndefined();
    expect(await stack.graphql(REVOKE, { email: operatorEmail }, colleague.token)).toMatchObject({
      errors: [{ extensions: { code: 'CONFLICT', reason: 'CONFIGURED_OPERATOR' } }],
    });
    expect((await stack.graphql(REVOKE, { email: colleagueEmail }, granter.token)).data).toEqual({
      revokeOperator: true,
    });
    await waitFor(
      async () =>
        (await stack.graphql(EVENTS, { first: 1 }, colleague.token)).errors?.[0]?.extensions?.code ===
        'FORBIDDEN',
      'the revoked role',
    );
    const recorded = await events(granter.token, { actionPrefix: 'operator.role.' });
    expect(recorded.map((e) => [e.action, e.actor, e.metadata.userId])).toEqual([
      ['operator.role.revoke', granter.userId, colleague.userId],
      ['operator.role.grant', granter.userId, colleague.userId],
    ]);
  });

  it('refuses a malformed cursor with BAD_USER_INPUT', async () => {
    const { token } = await operator();
    const result = await stack.graphql(EVENTS, { after: 'not-a-cursor' }, token);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('database administration', () => {
  it("records Steward's own migrations as such, naming each migration", async () => {
    const { token } = await operator();
    const migrations = await waitFor(async () => {
      const found = await events(token, { source: 'MIGRATION' });
      const named = found.filter((e) => e.metadata.migration !== null);
      return named.length > 0 && named;
    }, 'migration events');
    expect(migrations[0]).toMatchObject({
      action: 'database.ddl',
      actor: expect.stringMatching(/^steward_\w+_owner$/),
    });
    expect(String(migrations[0]!.metadata.migration)).toMatch(
      /^(identity|tenancy|audit|lifecycle)\/Migration\d{14}$/,
    );
  });

  it("records a superuser's ALTER TABLE, GRANT and CREATE ROLE outside Steward within seconds, with who did it", async () => {
    // After the first comparison (its baseline), so that the role is a change.
    await waitFor(async () => {
      const found = await db.query(
        `select 1 from audit.system_events where action = 'database.role.baseline'`,
      );
      return found.rows.length > 0;
    }, 'the baseline snapshot');
    const { rows } = await db.query<{ me: string }>('select session_user as me');
    const superuser = rows[0]!.me;
    await db.query(`set application_name = 'psql-by-hand'`);
    const started = Date.now();
    await db.query('alter table tenancy.organizations add column intruder_note text');
    await db.query('grant select on audit.events to steward_gateway');
    await db.query(`create role ${intruderRole} nologin`);
    await db.query(`grant steward_gateway to ${intruderRole}`);
    const { token } = await operator();
    const found = await waitFor(
      async () => {
        const all = await events(token);
        const ddl = all.find((e) => e.action === 'database.ddl' && e.metadata.commandTag === 'ALTER TABLE');
        const grant = all.find((e) => e.action === 'database.privilege' && e.metadata.commandTag === 'GRANT');
        const role = all.find((e) => e.action === 'database.role.create' && e.metadata.role === intruderRole);
        const membership = all.find((e) => e.action === 'database.role.grant');
        return ddl && grant && role && membership && { ddl, grant, role, membership };
      },
      'the superuser changes in the system chain',
      30_000,
    );
    // The test's interval is 1 s: well within the minute the promise states.
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(found.ddl).toMatchObject({
      source: 'DATABASE',
      actor: superuser,
      metadata: {
        sessionUser: superuser,
        applicationName: 'psql-by-hand',
        migration: null,
        statement: 'alter table tenancy.organizations add column intruder_note text',
      },
    });
    expect(found.ddl.metadata.objects?.[0]?.identity).toBe('tenancy.organizations');
    expect(found.grant).toMatchObject({
      source: 'DATABASE',
      actor: superuser,
      metadata: { statement: 'grant select on audit.events to steward_gateway' },
    });
    expect(found.role).toMatchObject({ source: 'ROLES', metadata: { role: intruderRole } });
    expect(found.membership.metadata.grant).toBe(`steward_gateway -> ${intruderRole}`);
  });

  it('records a claimed migration name from a superuser as a claim, not as a migration', async () => {
    await db.query('begin');
    await db.query(`select set_config('steward.migration', 'identity/Migration20991231000000', true)`);
    await db.query('create table tenancy.intruder_table (id int)');
    await db.query('commit');
    const { token } = await operator();
    const created = await waitFor(async () => {
      const all = await events(token, { source: 'DATABASE' });
      return all.find((e) => String(e.metadata.statement).includes('intruder_table'));
    }, 'the CREATE TABLE event');
    expect(created.metadata).toMatchObject({
      migration: null,
      claimedMigration: 'identity/Migration20991231000000',
    });
    await db.query('drop table tenancy.intruder_table');
    await waitFor(async () => {
      const all = await events(token, { actionPrefix: 'database.drop' });
      return all.some((e) => e.metadata.objects?.some((o) => o.identity === 'tenancy.intruder_table'));
    }, 'the sql_drop event');
  });

  it('records disabling an event trigger, which no event trigger sees, by the comparison', async () => {
    await db.query('alter event trigger steward_drop_capture disable');
    try {
      const { token } = await operator();
      const change = await waitFor(async () => {
        const all = await events(token, { source: 'ROLES' });
        return all.find((e) => e.action === 'database.event-trigger.change');
      }, 'the event trigger change');
      expect(change.metadata).toMatchObject({
        eventTrigger: 'steward_drop_capture',
        before: 'O',
        after: 'D',
      });
      // An alert can watch it: one trigger missing or disabled.
      await waitFor(
        async () =>
          seriesSum(
            await scrape(stack.subgraphs.audit!.url),
            'steward_database_audit_event_triggers_missing',
          ) === 1,
        'the missing-trigger gauge',
      );
    } finally {
      await db.query('alter event trigger steward_drop_capture enable');
    }
  });
});

describe('the system chain', () => {
  it('stays one unbroken chain under parallel appends (operator reads racing the recorder)', async () => {
    const { token } = await operator();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => stack.graphql<Page>(EVENTS, { first: 1 }, token)),
    );
    expect(answers.every((answer) => answer.errors === undefined)).toBe(true);
    const chain = await stack.graphql<{ systemAuditChain: Record<string, unknown> }>(CHAIN, {}, token);
    expect(chain.data!.systemAuditChain).toMatchObject({ valid: true, brokenAt: null });
    const { rows } = await db.query<{ n: number; distinct: number; max: number }>(
      'select count(*)::int as n, count(distinct sequence)::int as distinct, max(sequence)::int as max from audit.system_events',
    );
    expect(rows[0]).toEqual({ n: rows[0]!.max, distinct: rows[0]!.max, max: rows[0]!.max });
  });

  it('verifies, and a changed event breaks it where it was changed', async () => {
    const { token } = await operator();
    const before = await stack.graphql<{ systemAuditChain: Record<string, unknown> }>(CHAIN, {}, token);
    expect(before.errors).toBeUndefined();
    expect(before.data!.systemAuditChain).toMatchObject({ valid: true, brokenAt: null, breakReason: null });
    expect(before.data!.systemAuditChain.events).toBeGreaterThan(5);
    const { rows } = await db.query<{ sequence: string }>(
      `select sequence from audit.system_events where source = 'DATABASE' order by sequence limit 1`,
    );
    const tampered = Number(rows[0]!.sequence);
    await db.query(`update audit.system_events set actor = 'someone_else' where sequence = $1`, [tampered]);
    const after = await stack.graphql<{ systemAuditChain: Record<string, unknown> }>(CHAIN, {}, token);
    expect(after.data!.systemAuditChain).toMatchObject({
      valid: false,
      brokenAt: tampered,
      breakReason: 'HASH_MISMATCH',
    });
  });

  it('is append-only for the audit runtime role', async () => {
    const runtime = new URL(databaseUrl);
    const { rows } = await db.query<{ update: boolean; delete: boolean; head: boolean }>(
      `select has_table_privilege('steward_audit_app', 'audit.system_events', 'update') as update,
              has_table_privilege('steward_audit_app', 'audit.system_events', 'delete') as delete,
              has_table_privilege('steward_audit_app', 'audit.system_chain_head', 'update') as head`,
    );
    expect(runtime.pathname).not.toBe('');
    expect(rows[0]).toEqual({ update: false, delete: false, head: false });
  });
});
