import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { createInternalClient, type InternalClient } from '../platform/internal-client.ts';
import { createInternalTokenSigner, privateKeyFromPem, serviceIssuerOf } from '../platform/internal-token.ts';
import { RETENTION_ROUTES } from '../contracts/retention.ts';
import { createLogger } from '../platform/logger.ts';
import { initOrm } from '../subgraphs/runtime/orm.ts';
import {
  lifecycleEntities,
  lifecycleMigrations,
  localBlobStore,
  sweepRetention,
} from '../subgraphs/lifecycle/src/module.ts';
import { organizationPages } from '../subgraphs/lifecycle/src/retention/retention-calls.ts';
import { internalToken } from './support/audit-helpers.ts';
import { adminClient, startTestStack, type GraphQLResult, type TestStack } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';
import {
  addMembership,
  codeOf,
  join as joinOrganization,
  organization,
  type SignedIn,
} from './support/tenancy-fixtures.ts';

// Customizable retention: the policy API (admins only, floors, nothing changed on bad input, an
// audit event per change) and the sweep that enforces it through identity, audit and lifecycle.

const RETENTION_POLICY = /* GraphQL */ `
  query RetentionPolicy($organizationId: ID!) {
    retentionPolicy(organizationId: $organizationId) {
      organizationId
      category
      keepFor
      isDefault
      minimum
      updatedAt
    }
  }
`;
const SET_RETENTION_POLICY = /* GraphQL */ `
  mutation SetRetentionPolicy($organizationId: ID!, $rules: [RetentionRuleInput!]!) {
    setRetentionPolicy(organizationId: $organizationId, rules: $rules) {
      organizationId
      category
      keepFor
      isDefault
      minimum
      updatedAt
    }
  }
`;

interface Rule {
  organizationId: string;
  category: string;
  keepFor: string;
  isDefault: boolean;
  minimum: string;
  updatedAt: string | null;
}

const DEFAULTS = [
  { category: 'SIGN_IN_ATTEMPTS', keepFor: 'P1Y', minimum: 'P30D' },
  { category: 'SESSIONS', keepFor: 'P90D', minimum: 'P1D' },
  { category: 'AUDIT_EVENTS', keepFor: 'P12M', minimum: 'P12M' },
  { category: 'EXPORTS', keepFor: 'P30D', minimum: 'P1D' },
];

const A_RULES = [
  { category: 'SIGN_IN_ATTEMPTS', keepFor: 'P30D' },
  { category: 'SESSIONS', keepFor: 'P7D' },
  { category: 'AUDIT_EVENTS', keepFor: 'P24M' },
  { category: 'EXPORTS', keepFor: 'P1D' },
];

let stack: TestStack;
let db: pg.Client;
let orm: MikroORM;
let internal: InternalClient;
const blobDir = process.env.STEWARD_BLOB_DIR ?? join(tmpdir(), 'steward-blobs');
const blobStore = localBlobStore(blobDir);

let a: { admin: SignedIn; organizationId: string };
let b: { admin: SignedIn; organizationId: string };
let memberA: SignedIn;
let memberB: SignedIn;
/** A member of both A and B. */
let shared: SignedIn;

beforeAll(async () => {
  stack = await startTestStack();
  db = await adminClient();
  const env = testEnvironment();
  orm = await initOrm({
    subgraph: 'lifecycle',
    clientUrl: urlForRole(env.databaseUrl, rolesOf('lifecycle').runtime, env.dbSecret),
    entities: lifecycleEntities,
    migrations: lifecycleMigrations,
    poolMax: 2,
  });
  // The sweep as the lifecycle subgraph runs it: its own service key, the stack's subgraphs.
  internal = createInternalClient(
    createInternalTokenSigner(privateKeyFromPem(env.services.lifecycle!.privateKeyPem), {
      issuer: serviceIssuerOf('lifecycle'),
    }),
    'lifecycle',
    (name) => stack.subgraphs[name]?.url,
  );
  a = await organization(stack, 'retention-a');
  b = await organization(stack, 'retention-b');
  memberA = await joinOrganization(
    stack,
    a.admin.token,
    { organizationId: a.organizationId, role: 'MEMBER' },
    'retention-member-a',
  );
  memberB = await joinOrganization(
    stack,
    b.admin.token,
    { organizationId: b.organizationId, role: 'MEMBER' },
    'retention-member-b',
  );
  shared = await joinOrganization(
    stack,
    a.admin.token,
    { organizationId: a.organizationId, role: 'MEMBER' },
    'retention-shared',
  );
  await addMembership(db, b.organizationId, shared.userId);
});
afterAll(async () => {
  await orm?.close(true);
  await db?.end();
  await stack?.close();
});

const sweep = (...organizationIds: string[]) =>
  sweepRetention({ orm, internal, blobStore, logger: createLogger('test', 'silent') }, { organizationIds });

function ok<T>(result: GraphQLResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const policyOf = async (organizationId: string, token: string) =>
  ok(await stack.graphql<{ retentionPolicy: Rule[] }>(RETENTION_POLICY, { organizationId }, token))
    .retentionPolicy;

const setPolicy = (organizationId: string, rules: { category: string; keepFor: string }[], token?: string) =>
  stack.graphql<{ setRetentionPolicy: Rule[] }>(SET_RETENTION_POLICY, { organizationId, rules }, token);

/** The stored rules and the change events of an organization, to prove a refusal changed nothing. */
async function stateOf(organizationId: string) {
  const rules = await db.query(
    `select category, keep_for, updated_at from lifecycle.retention_rules where organization_id = $1 order by category`,
    [organizationId],
  );
  const events = await db.query(
    `select count(*)::int as n from lifecycle.audit_outbox
      where organization_id = $1 and event->>'action' = 'lifecycle.retention.changed'`,
    [organizationId],
  );
  const audit = await db.query('select keep_months from audit.retention where organization_id = $1', [
    organizationId,
  ]);
  return { rules: rules.rows, events: events.rows[0].n as number, audit: audit.rows };
}

const daysAgo = (days: number) => `now() - make_interval(days => ${days})`;

async function attempt(user: SignedIn, days: number): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into identity.sign_in_attempts (id, user_id, email, method, outcome, device_type, occurred_at)
     values (gen_random_uuid(), $1, $2, 'DEVELOPMENT', 'SUCCESS', 'DESKTOP', ${daysAgo(days)}) returning id`,
    [user.userId, user.email],
  );
  return rows[0]!.id;
}

/** A session that ended `days` ago: revoked then, or (`expired`) reaching its expiry then. */
async function endedSession(user: SignedIn, days: number, how: 'revoked' | 'expired'): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into identity.sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at, device_type, revoked_at)
     values (gen_random_uuid(), $1, encode(sha256(gen_random_uuid()::text::bytea), 'hex'),
             ${daysAgo(days + 20)}, ${daysAgo(days)} - interval '1 hour',
             ${how === 'expired' ? daysAgo(days) : daysAgo(-20)}, 'DESKTOP',
             ${how === 'revoked' ? daysAgo(days) : 'null'})
     returning id`,
    [user.userId],
  );
  return rows[0]!.id;
}

/** A finished export of the organization, `days` old, with its archive in the blob store. */
async function exportOf(organizationId: string, requestedBy: string, days: number, status = 'COMPLETED') {
  const id = randomUUID();
  const key = `exports/${id}.tar`;
  mkdirSync(join(blobDir, 'exports'), { recursive: true });
  writeFileSync(join(blobDir, key), 'archive');
  const completed = status === 'COMPLETED' ? daysAgo(days) : 'null';
  await db.query(
    `insert into lifecycle.data_exports (id, organization_id, requested_by, status, progress, requested_at, completed_at, blob_key)
     values ($1, $2, $3, $4, ${status === 'COMPLETED' ? 1 : 0}, ${daysAgo(days)}, ${completed}, $5)`,
    [id, organizationId, requestedBy, status, status === 'COMPLETED' ? key : null],
  );
  return { id, path: join(blobDir, key) };
}

const existing = async (table: string, ids: string[]) =>
  (await db.query<{ id: string }>(`select id from ${table} where id = any($1::uuid[])`, [ids])).rows
    .map((r) => r.id)
    .sort();

describe('the retention policy', () => {
  it('answers the defaults, with their minimums, before any rule is set', async () => {
    expect(await policyOf(b.organizationId, b.admin.token)).toEqual(
      DEFAULTS.map((d) => ({ ...d, organizationId: b.organizationId, isDefault: true, updatedAt: null })),
    );
  });

  it('is set by an admin, read back, pushed to audit and audited', async () => {
    const set = ok(await setPolicy(a.organizationId, A_RULES, a.admin.token)).setRetentionPolicy;
    expect(set).toEqual(
      A_RULES.map((rule, i) =>
        expect.objectContaining({
          ...rule,
          organizationId: a.organizationId,
          isDefault: false,
          minimum: DEFAULTS[i]!.minimum,
          updatedAt: expect.any(String),
        }),
      ),
    );
    expect(await policyOf(a.organizationId, a.admin.token)).toEqual(set);
    // A longer audit period reaches audit at once, before its next purge.
    expect((await stateOf(a.organizationId)).audit).toEqual([{ keep_months: 24 }]);
    const { rows } = await db.query(
      `select event from lifecycle.audit_outbox
        where organization_id = $1 and event->>'action' = 'lifecycle.retention.changed'`,
      [a.organizationId],
    );
    expect(rows).toEqual([
      {
        event: expect.objectContaining({
          outcome: 'SUCCESS',
          actor: expect.objectContaining({ type: 'USER', id: a.admin.userId }),
          target: { type: 'Organization', id: a.organizationId },
          metadata: {
            before: { SIGN_IN_ATTEMPTS: null, SESSIONS: null, AUDIT_EVENTS: null, EXPORTS: null },
            after: { SIGN_IN_ATTEMPTS: 'P30D', SESSIONS: 'P7D', AUDIT_EVENTS: 'P24M', EXPORTS: 'P1D' },
          },
        }),
      },
    ]);
  });

  it.each([
    ['SIGN_IN_ATTEMPTS', 'P29D', /at least P30D/],
    ['SIGN_IN_ATTEMPTS', 'P4W', /at least P30D/],
    ['AUDIT_EVENTS', 'P11M', /at least P12M/],
    ['AUDIT_EVENTS', 'P300D', /at least P12M/],
    ['SESSIONS', 'PT23H', /at least P1D/],
    ['EXPORTS', 'P0D', /at least P1D/],
    ['SESSIONS', 'P11Y', /at most P10Y/],
    ['EXPORTS', 'P3651D', /at most P10Y/],
    ['EXPORTS', '30 days', /ISO-8601 duration/],
    ['EXPORTS', 'P', /ISO-8601 duration/],
    ['EXPORTS', 'PT', /ISO-8601 duration/],
    ['EXPORTS', 'P1.5D', /ISO-8601 duration/],
    ['EXPORTS', 'p30d', /ISO-8601 duration/],
    ['EXPORTS', 'P30DT', /ISO-8601 duration/],
    ['EXPORTS', '', /ISO-8601 duration/],
  ])(
    'refuses %s for %j (BAD_USER_INPUT naming the field) and changes nothing',
    async (category, keepFor, why) => {
      const before = await stateOf(a.organizationId);
      // A valid rule first: the bad second one must stop it too.
      const result = await setPolicy(
        a.organizationId,
        [
          { category: category === 'EXPORTS' ? 'SESSIONS' : 'EXPORTS', keepFor: 'P2D' },
          { category, keepFor },
        ],
        a.admin.token,
      );
      expect(result.errors?.[0]).toMatchObject({
        message: expect.stringMatching(why),
        extensions: { code: 'BAD_USER_INPUT', field: 'rules.1.keepFor' },
      });
      expect(await stateOf(a.organizationId)).toEqual(before);
    },
  );

  it('refuses two rules for one category', async () => {
    const before = await stateOf(a.organizationId);
    const result = await setPolicy(
      a.organizationId,
      [
        { category: 'SESSIONS', keepFor: 'P2D' },
        { category: 'SESSIONS', keepFor: 'P3D' },
      ],
      a.admin.token,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'rules.1.category',
    });
    expect(await stateOf(a.organizationId)).toEqual(before);
  });

  it('is neither read nor set by a member (FORBIDDEN), another organization’s admin (NOT_FOUND) or anyone signed out', async () => {
    const before = await stateOf(a.organizationId);
    const rules = [{ category: 'SESSIONS', keepFor: 'P2D' }];
    const variables = { organizationId: a.organizationId };
    expect(codeOf(await stack.graphql(RETENTION_POLICY, variables, memberA.token))).toBe('FORBIDDEN');
    expect(codeOf(await setPolicy(a.organizationId, rules, memberA.token))).toBe('FORBIDDEN');
    expect(codeOf(await stack.graphql(RETENTION_POLICY, variables, b.admin.token))).toBe('NOT_FOUND');
    expect(codeOf(await setPolicy(a.organizationId, rules, b.admin.token))).toBe('NOT_FOUND');
    expect(
      codeOf(await stack.graphql(RETENTION_POLICY, { organizationId: randomUUID() }, a.admin.token)),
    ).toBe('NOT_FOUND');
    expect(codeOf(await stack.graphql(RETENTION_POLICY, variables))).toBe('UNAUTHENTICATED');
    expect(codeOf(await setPolicy(a.organizationId, rules))).toBe('UNAUTHENTICATED');
    expect(await stateOf(a.organizationId)).toEqual(before);
  });

  it('is replaced as a whole: a category left out goes back to its default, an unchanged one keeps its date', async () => {
    const c = await organization(stack, 'retention-c');
    const first = ok(
      await setPolicy(
        c.organizationId,
        [
          { category: 'SESSIONS', keepFor: 'P14D' },
          { category: 'AUDIT_EVENTS', keepFor: 'P2Y' },
        ],
        c.admin.token,
      ),
    ).setRetentionPolicy;
    expect((await stateOf(c.organizationId)).audit).toEqual([{ keep_months: 24 }]);
    const second = ok(
      await setPolicy(c.organizationId, [{ category: 'SESSIONS', keepFor: 'P14D' }], c.admin.token),
    ).setRetentionPolicy;
    expect(second.map((r) => [r.category, r.keepFor, r.isDefault])).toEqual([
      ['SIGN_IN_ATTEMPTS', 'P1Y', true],
      ['SESSIONS', 'P14D', false],
      ['AUDIT_EVENTS', 'P12M', true],
      ['EXPORTS', 'P30D', true],
    ]);
    expect(second[1]!.updatedAt).toBe(first[1]!.updatedAt);
    // Back to 12 months at once too.
    expect((await stateOf(c.organizationId)).audit).toEqual([{ keep_months: 12 }]);
    expect((await stateOf(c.organizationId)).events).toBe(2);
  });
});

describe('the retention sweep', () => {
  it('deletes what the policy no longer keeps, keeps the rest and live sessions, and leaves another organization alone', async () => {
    // A: attempts P30D, ended sessions P7D, exports P1D, audit P24M. B: the defaults.
    const attempts = {
      oldA: await attempt(memberA, 40),
      recentA: await attempt(memberA, 10),
      oldShared: await attempt(shared, 40),
      oldB: await attempt(memberB, 40),
      ancientB: await attempt(memberB, 400),
    };
    const sessions = {
      revokedLongAgoA: await endedSession(memberA, 10, 'revoked'),
      expiredLongAgoA: await endedSession(memberA, 10, 'expired'),
      revokedRecentlyA: await endedSession(memberA, 3, 'revoked'),
      revokedLongAgoB: await endedSession(memberB, 10, 'revoked'),
      revokedAgesAgoB: await endedSession(memberB, 100, 'revoked'),
    };
    // memberA's live session, signed in long ago: its age is no reason to end it.
    const { rows: live } = await db.query<{ id: string }>(
      `update identity.sessions set created_at = ${daysAgo(200)} where user_id = $1 and revoked_at is null and expires_at > now() returning id`,
      [memberA.userId],
    );
    expect(live.length).toBeGreaterThan(0);
    const exports = {
      oldA: await exportOf(a.organizationId, a.admin.userId, 3),
      failedA: await exportOf(a.organizationId, a.admin.userId, 3, 'FAILED'),
      pendingA: await exportOf(a.organizationId, a.admin.userId, 3, 'PENDING'),
      recentA: await exportOf(a.organizationId, a.admin.userId, 0),
      oldB: await exportOf(b.organizationId, b.admin.userId, 3),
    };
    // Audit drifted from the policy (a push that failed): the sweep sets it again.
    await db.query('update audit.retention set keep_months = 12 where organization_id = $1', [
      a.organizationId,
    ]);
    const bBefore = {
      attempts: await existing('identity.sign_in_attempts', [attempts.oldB, attempts.ancientB]),
      sessions: await existing('identity.sessions', [sessions.revokedLongAgoB, sessions.revokedAgesAgoB]),
    };

    const result = await sweep(a.organizationId);
    expect(result.failed).toEqual([]);
    expect(result.organizations).toEqual([
      { organizationId: a.organizationId, signInAttempts: 2, sessions: 2, exports: 2, auditKeepMonths: 24 },
    ]);
    // Older than the policy: gone. A member of A and B: A's shorter period won.
    expect(
      await existing('identity.sign_in_attempts', [attempts.oldA, attempts.oldShared, attempts.recentA]),
    ).toEqual([attempts.recentA]);
    expect(
      await existing('identity.sessions', [
        sessions.revokedLongAgoA,
        sessions.expiredLongAgoA,
        sessions.revokedRecentlyA,
        ...live.map((s) => s.id),
      ]),
    ).toEqual([sessions.revokedRecentlyA, ...live.map((s) => s.id)].sort());
    expect(
      await existing('lifecycle.data_exports', [
        exports.oldA.id,
        exports.failedA.id,
        exports.pendingA.id,
        exports.recentA.id,
      ]),
    ).toEqual([exports.pendingA.id, exports.recentA.id].sort());
    expect(existsSync(exports.oldA.path)).toBe(false);
    expect(existsSync(exports.recentA.path)).toBe(true);
    expect((await stateOf(a.organizationId)).audit).toEqual([{ keep_months: 24 }]);
    // The live session still works.
    expect(ok(await stack.graphql<{ me: { id: string } }>('{ me { id } }', {}, memberA.token)).me.id).toBe(
      memberA.userId,
    );
    // B was not swept: everything of it is still there.
    expect(await existing('identity.sign_in_attempts', [attempts.oldB, attempts.ancientB])).toEqual(
      bBefore.attempts,
    );
    expect(await existing('identity.sessions', [sessions.revokedLongAgoB, sessions.revokedAgesAgoB])).toEqual(
      bBefore.sessions,
    );
    expect(await existing('lifecycle.data_exports', [exports.oldB.id])).toEqual([exports.oldB.id]);
    expect(existsSync(exports.oldB.path)).toBe(true);

    // The sweep is evidence too.
    const { rows } = await db.query(
      `select event->'metadata' as metadata from lifecycle.audit_outbox
        where organization_id = $1 and event->>'action' = 'lifecycle.retention.swept'`,
      [a.organizationId],
    );
    expect(rows).toEqual([{ metadata: { signInAttempts: 2, sessions: 2, exports: 2, auditKeepMonths: 24 } }]);

    // Idempotent: a second sweep finds nothing more, and records nothing.
    expect((await sweep(a.organizationId)).organizations).toEqual([
      { organizationId: a.organizationId, signInAttempts: 0, sessions: 0, exports: 0, auditKeepMonths: 24 },
    ]);

    // B under its defaults (P1Y, P90D, P30D, P12M): only what is older than those goes.
    expect((await sweep(b.organizationId)).organizations).toEqual([
      { organizationId: b.organizationId, signInAttempts: 1, sessions: 1, exports: 0, auditKeepMonths: 12 },
    ]);
    expect(await existing('identity.sign_in_attempts', [attempts.oldB, attempts.ancientB])).toEqual([
      attempts.oldB,
    ]);
    expect(await existing('identity.sessions', [sessions.revokedLongAgoB, sessions.revokedAgesAgoB])).toEqual(
      [sessions.revokedLongAgoB],
    );
    expect(await existing('lifecycle.data_exports', [exports.oldB.id])).toEqual([exports.oldB.id]);
    expect((await stateOf(b.organizationId)).audit).toEqual([{ keep_months: 12 }]);
  });

  it('computes its cutoffs from durations with every designator', async () => {
    const d = await organization(stack, 'retention-d');
    ok(
      await setPolicy(
        d.organizationId,
        [
          { category: 'SIGN_IN_ATTEMPTS', keepFor: 'P1Y1M1W1DT1H1M1S' },
          { category: 'SESSIONS', keepFor: 'P1W' },
          { category: 'AUDIT_EVENTS', keepFor: 'P1Y6M' },
          { category: 'EXPORTS', keepFor: 'PT36H' },
        ],
        d.admin.token,
      ),
    );
    expect(await sweep(d.organizationId)).toEqual({
      organizations: [
        { organizationId: d.organizationId, signInAttempts: 0, sessions: 0, exports: 0, auditKeepMonths: 18 },
      ],
      failed: [],
      // Limited to one organization: the attempts of no user are left to the full sweep.
      unattributedSignInAttempts: null,
    });
  });

  it('deletes sign-in attempts of no user after the default period (no organization governs them)', async () => {
    const orphan = async (days: number) => {
      const { rows } = await db.query<{ id: string }>(
        `insert into identity.sign_in_attempts (id, user_id, email, method, outcome, device_type, occurred_at)
         values (gen_random_uuid(), null, 'nobody-' || gen_random_uuid() || '@example.test', 'PASSWORD', 'FAILURE', 'DESKTOP', ${daysAgo(days)})
         returning id`,
      );
      return rows[0]!.id;
    };
    const ancient = await orphan(400);
    const recent = await orphan(40);
    const memberOld = await attempt(memberB, 40);

    expect((await sweep(b.organizationId)).unattributedSignInAttempts).toBeNull();
    expect(await existing('identity.sign_in_attempts', [ancient, recent])).toEqual([ancient, recent].sort());

    // What the periodic sweep does after every organization (not run here: the database is shared).
    const swept = await sweepRetention(
      { orm, internal, blobStore, logger: createLogger('test', 'silent') },
      { organizationIds: [], unattributed: true },
    );
    expect(swept.unattributedSignInAttempts).toBeGreaterThanOrEqual(1);
    expect(await existing('identity.sign_in_attempts', [ancient, recent, memberOld])).toEqual(
      [recent, memberOld].sort(),
    );
  });

  it('finds every organization through tenancy, page by page', async () => {
    const seen = new Set<string>();
    const origin = { requestId: 'test', ip: null, userAgent: null };
    for await (const page of organizationPages(internal, origin)) for (const id of page) seen.add(id);
    expect(seen.has(a.organizationId) && seen.has(b.organizationId)).toBe(true);
  });
});

describe('the internal retention routes', () => {
  const post = async (subgraph: 'identity' | 'audit', path: string, body: unknown, service = 'lifecycle') =>
    fetch(new URL(path, stack.subgraphs[subgraph]!.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await internalToken(subgraph, { kind: 'system', service })}`,
      },
      body: JSON.stringify(body),
    });

  it('answer the lifecycle service only', async () => {
    const body = { userIds: [memberA.userId], signInAttemptsBefore: new Date().toISOString() };
    for (const service of ['gateway', 'tenancy', 'audit']) {
      expect((await post('identity', RETENTION_ROUTES.identity, body, service)).status).toBe(403);
      expect(
        (
          await post(
            'identity',
            RETENTION_ROUTES.unattributed,
            { signInAttemptsBefore: body.signInAttemptsBefore },
            service,
          )
        ).status,
      ).toBe(403);
    }
    expect(
      (
        await post(
          'audit',
          RETENTION_ROUTES.audit,
          { organizationId: a.organizationId, keepMonths: 24 },
          'identity',
        )
      ).status,
    ).toBe(403);
    const unsigned = await fetch(new URL(RETENTION_ROUTES.identity, stack.subgraphs.identity!.url), {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(unsigned.status).toBe(401);
  });

  it('hold their own floors, whatever lifecycle asks', async () => {
    const recent = await attempt(memberA, 10);
    const response = await post('identity', RETENTION_ROUTES.identity, {
      userIds: [memberA.userId],
      signInAttemptsBefore: new Date().toISOString(),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ signInAttempts: 0, sessions: 0 });
    expect(await existing('identity.sign_in_attempts', [recent])).toEqual([recent]);
    const { rows } = await db.query<{ id: string }>(
      `insert into identity.sign_in_attempts (id, user_id, email, method, outcome, device_type, occurred_at)
       values (gen_random_uuid(), null, 'nobody@example.test', 'PASSWORD', 'FAILURE', 'DESKTOP', ${daysAgo(10)}) returning id`,
    );
    const unattributed = await post('identity', RETENTION_ROUTES.unattributed, {
      signInAttemptsBefore: new Date().toISOString(),
    });
    // Older ones (other tests') may go; one younger than the 30-day floor never does.
    expect(unattributed.status).toBe(200);
    expect(await existing('identity.sign_in_attempts', [rows[0]!.id])).toEqual([rows[0]!.id]);
    expect(
      (await post('identity', RETENTION_ROUTES.unattributed, { signInAttemptsBefore: 'yesterday' })).status,
    ).toBe(400);
    expect(
      (await post('audit', RETENTION_ROUTES.audit, { organizationId: a.organizationId, keepMonths: 6 }))
        .status,
    ).toBe(400);
    expect((await stateOf(a.organizationId)).audit).toEqual([{ keep_months: 24 }]);
  });
});
