import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';
import {
  AUDIT_CHAIN,
  CREATE_ORGANIZATION,
  INGEST,
  adminWithOrganization,
  callSubgraph,
  type ChainResult,
} from './support/audit-helpers.ts';
import { addMembership } from './support/tenancy-fixtures.ts';

let stack: TestStack;
let db: pg.Client;
beforeAll(async () => {
  stack = await startTestStack();
  db = await adminClient();
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const identity = { kind: 'system', service: 'identity' } as const;

const event = (organizationId: string, n: number) => ({
  id: randomUUID(),
  occurredAt: new Date().toISOString(),
  organizationId,
  action: 'test.concurrent.append',
  outcome: 'SUCCESS',
  actor: { type: 'SYSTEM', id: 'test' },
  metadata: { n },
});

const ingest = async (events: ReturnType<typeof event>[]) => {
  const result = await callSubgraph<{ ingestAuditEvents: number }>(stack, 'audit', identity, INGEST, {
    events,
  });
  expect(result.errors).toBeUndefined();
  return result.data!.ingestAuditEvents;
};

/** Sequences 1..n, each once, each event linking to the one before. */
async function expectLinear(organizationId: string) {
  const { rows } = await db.query<{ sequence: number; linked: boolean }>(
    `select sequence::int as sequence,
            previous_hash is not distinct from lag(hash) over (order by sequence) as linked
       from audit.events where organization_id = $1 order by sequence`,
    [organizationId],
  );
  expect(rows.map((r) => r.sequence)).toEqual(rows.map((_, i) => i + 1));
  expect(rows.every((r) => r.linked)).toBe(true);
  return rows.length;
}

const chainOf = async (organizationId: string, token: string) => {
  const result = await stack.graphql<ChainResult>(AUDIT_CHAIN, { organizationId }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.auditChain;
};

describe('the hash chain', () => {
  it('stays linear under 200 concurrent appends to one organization', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('chain-one'));
    const appended = await Promise.all(
      Array.from({ length: 200 }, (_, n) => ingest([event(admin.organizationId, n)])),
    );
    expect(appended.reduce((a, b) => a + b, 0)).toBe(200);
    expect(await expectLinear(admin.organizationId)).toBeGreaterThanOrEqual(200);
    // The admin's own sign-in may still join the chain meanwhile: compare the chain with itself.
    const chain = await chainOf(admin.organizationId, admin.token);
    expect(chain).toMatchObject({ valid: true, brokenAt: null });
    expect(chain.events).toBeGreaterThanOrEqual(200);
    expect(chain.headSequence).toBe(chain.events);
  });

  it('keeps ten organizations apart under 200 concurrent appends across them, without deadlocks', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('chain-ten'), 'Org 0');
    const organizations = [admin.organizationId];
    for (let i = 1; i < 10; i++) {
      const created = await stack.graphql<{ createOrganization: { id: string } }>(
        CREATE_ORGANIZATION,
        { name: `Org ${i}` },
        admin.token,
      );
      organizations.push(created.data!.createOrganization.id);
    }
    // 100 deliveries of two events each, for organizations in opposite orders: a delivery locks
    // several chains, and must not deadlock with another locking them the other way round.
    const deliveries = Array.from({ length: 100 }, (_, n) => {
      const a = organizations[n % 10]!;
      const b = organizations[(n * 7 + 3) % 10]!;
      return [event(a, 2 * n), event(b, 2 * n + 1)];
    });
    const appended = await Promise.all(deliveries.map(ingest));
    expect(appended.reduce((a, b) => a + b, 0)).toBe(200);
    let total = 0;
    for (const organizationId of organizations) {
      const { rows } = await db.query(
        `select count(*)::int as n from audit.events where organization_id = $1 and action = 'test.concurrent.append'`,
        [organizationId],
      );
      total += rows[0].n;
      expect(await expectLinear(organizationId)).toBeGreaterThanOrEqual(1);
      const chain = await chainOf(organizationId, admin.token);
      expect(chain).toMatchObject({ valid: true, brokenAt: null, headSequence: chain.events });
    }
    expect(total).toBe(200);
  });

  it('appends a redelivered event once, without taking a sequence', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('chain-dedupe'));
    const once = event(admin.organizationId, 1);
    const results = await Promise.all([ingest([once]), ingest([once]), ingest([once, once])]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    await ingest([event(admin.organizationId, 2)]);
    await expectLinear(admin.organizationId);
  });

  it('reports the first broken sequence when the owner edits or removes a row', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('chain-tamper'));
    await ingest(Array.from({ length: 6 }, (_, n) => event(admin.organizationId, n)));
    const length = await expectLinear(admin.organizationId);
    const target = length - 3;
    await asOwnerWithoutTrigger(() =>
      db.query(
        `update audit.events set metadata = '{"n": 999}' where organization_id = $1 and sequence = $2`,
        [admin.organizationId, target],
      ),
    );
    expect(await chainOf(admin.organizationId, admin.token)).toMatchObject({
      valid: false,
      brokenAt: target,
      events: target,
      headSequence: target - 1,
    });

    const other = await adminWithOrganization(stack, uniqueEmail('chain-gap'));
    await ingest(Array.from({ length: 5 }, (_, n) => event(other.organizationId, n)));
    const otherLength = await expectLinear(other.organizationId);
    await asOwnerWithoutTrigger(() =>
      db.query(`delete from audit.events where organization_id = $1 and sequence = $2`, [
        other.organizationId,
        otherLength - 1,
      ]),
    );
    expect(await chainOf(other.organizationId, other.token)).toMatchObject({
      valid: false,
      brokenAt: otherLength - 1,
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the runtime role, and to the owner without the purge', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('chain-privileges'));
    await ingest([event(admin.organizationId, 1)]);
    // A checkpoint to aim at (checkpoints are written only by the purge otherwise).
    await db.query(
      `insert into audit.checkpoints (organization_id, sequence, hash, purged_at, key_id, signature)
       values ($1, 1000, repeat('a', 64), now(), repeat('b', 16), 'not signed')`,
      [admin.organizationId],
    );
    const env = testEnvironment();
    for (const role of [rolesOf('audit').runtime, rolesOf('audit').owner]) {
      const client = new pg.Client({ connectionString: urlForRole(env.databaseUrl, role, env.dbSecret) });
      await client.connect();
      try {
        await client.query('begin');
        await client.query(`select set_config('app.tenant_ids', $1, true)`, [admin.organizationId]);
        await client.query('savepoint s');
        for (const sql of [
          `update audit.events set action = 'x' where organization_id = '${admin.organizationId}'`,
          `delete from audit.events where organization_id = '${admin.organizationId}'`,
          'truncate audit.events',
          `delete from audit.checkpoints where organization_id = '${admin.organizationId}'`,
          'truncate audit.checkpoints',
        ]) {
          await expect(client.query(sql).then(() => `${role}: ${sql}`)).rejects.toThrow(
            /permission denied|append-only/,
          );
          await client.query('rollback to savepoint s');
        }
        // The purge switch alone opens nothing to the runtime role: it has no DELETE privilege.
        if (role === rolesOf('audit').runtime) {
          await client.query(`select set_config('audit.purging', 'on', true)`);
          await expect(
            client.query(`delete from audit.events where organization_id = '${admin.organizationId}'`),
          ).rejects.toThrow(/permission denied/);
        }
      } finally {
        await client.query('rollback').catch(() => undefined);
        await client.end();
      }
    }
    await expectLinear(admin.organizationId);
  });
});

describe('reading the audit log', () => {
  const EVENTS = /* GraphQL */ `
    query Events($organizationId: ID!) {
      auditEvents(organizationId: $organizationId, first: 5) {
        edges {
          node {
            action
          }
        }
      }
      auditChain(organizationId: $organizationId) {
        valid
      }
    }
  `;
  const codes = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
    [...new Set(result.errors?.map((e) => e.extensions?.code))].sort();

  it('is for the organization’s admins and its audit:read keys only', async () => {
    const admin = await adminWithOrganization(stack, uniqueEmail('read-admin'));
    await ingest([event(admin.organizationId, 1)]);
    const memberEmail = uniqueEmail('read-member');
    const memberId = (await stack.signIn(memberEmail)).userId;
    await addMembership(db, admin.organizationId, memberId);
    const member = await stack.signIn(memberEmail);
    const outsider = await adminWithOrganization(stack, uniqueEmail('read-outsider'));

    const allowed = await stack.graphql(EVENTS, { organizationId: admin.organizationId }, admin.token);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toMatchObject({ auditChain: { valid: true } });
    expect(
      codes(await stack.graphql(EVENTS, { organizationId: admin.organizationId }, member.token)),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(await stack.graphql(EVENTS, { organizationId: admin.organizationId }, outsider.token)),
    ).toEqual(['NOT_FOUND']);
    expect(codes(await stack.graphql(EVENTS, { organizationId: admin.organizationId }))).toEqual([
      'UNAUTHENTICATED',
    ]);

    const key = async (scopes: string[], organizationId = admin.organizationId, token = admin.token) => {
      const created = await stack.graphql<{ createApiKey: { secret: string } }>(
        /* GraphQL */ `
          mutation Key($organizationId: ID!, $scopes: [String!]!) {
            createApiKey(organizationId: $organizationId, name: "audit reader", scopes: $scopes) {
              secret
            }
          }
        `,
        { organizationId, scopes },
        token,
      );
      expect(created.errors).toBeUndefined();
      return created.data!.createApiKey.secret;
    };
    const reader = await key(['audit:read']);
    const readerResult = await stack.graphql(EVENTS, { organizationId: admin.organizationId }, reader);
    expect(readerResult.errors).toBeUndefined();
    expect(readerResult.data).toMatchObject({ auditChain: { valid: true } });
    expect(
      codes(
        await stack.graphql(EVENTS, { organizationId: admin.organizationId }, await key(['projects:read'])),
      ),
    ).toEqual(['FORBIDDEN']);
    const foreign = await key(['audit:read'], outsider.organizationId, outsider.token);
    expect(codes(await stack.graphql(EVENTS, { organizationId: admin.organizationId }, foreign))).toEqual([
      'NOT_FOUND',
    ]);
  });
});

/** As superuser: the append-only trigger off for one statement, as a rogue owner could do. */
async function asOwnerWithoutTrigger(work: () => Promise<unknown>) {
  await db.query('alter table audit.events disable trigger events_append_only');
  try {
    await work();
  } finally {
    await db.query('alter table audit.events enable trigger events_append_only');
  }
}
