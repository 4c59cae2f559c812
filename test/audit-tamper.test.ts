import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { privateKeyFromPem } from '../platform/internal-token.ts';
import { checkpointKeysOf } from '../subgraphs/audit/src/chain/checkpoint-signature.ts';
import { purgeExpiredEvents } from '../subgraphs/audit/src/retention/retention-sweep.ts';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';
import {
  INGEST,
  adminWithOrganization,
  auditRuntimeOrm,
  callSubgraph,
  eventsOf,
  waitFor,
  withoutTriggers,
} from './support/audit-helpers.ts';

let stack: TestStack;
let db: pg.Client;
let orm: MikroORM;
beforeAll(async () => {
  stack = await startTestStack();
  db = await adminClient();
  orm = await auditRuntimeOrm();
});
afterAll(async () => {
  await orm?.close(true);
  await db?.end();
  await stack?.close();
});

const CHAIN = /* GraphQL */ `
  query TamperedChain($organizationId: ID!) {
    auditChain(organizationId: $organizationId) {
      valid
      events
      brokenAt
      breakReason
      recordedHeadSequence
      headSequence
    }
  }
`;

interface Chain {
  valid: boolean;
  events: number;
  brokenAt: number | null;
  breakReason: string | null;
  recordedHeadSequence: number | null;
  headSequence: number | null;
}

const event = (organizationId: string, n: number, occurredAt = new Date()) => ({
  id: randomUUID(),
  occurredAt: occurredAt.toISOString(),
  organizationId,
  action: 'test.tamper',
  outcome: 'SUCCESS',
  actor: { type: 'SYSTEM', id: 'test' },
  metadata: { n },
});

/** An organization with `count` more events, and its chain settled (its access events landed). */
async function settledChain(label: string, count: number) {
  const admin = await adminWithOrganization(stack, uniqueEmail(label));
  const ingested = await callSubgraph(stack, 'audit', { kind: 'system', service: 'identity' }, INGEST, {
    events: Array.from({ length: count }, (_, n) => event(admin.organizationId, n)),
  });
  expect(ingested.errors).toBeUndefined();
  // The admin's own reads are logged too: let the first one land before tampering.
  expect((await chainOf(admin.organizationId, admin.token)).valid).toBe(true);
  await waitFor(
    async () => (await eventsOf(db, admin.organizationId, 'gateway.access.query')).length > 0,
    'the access event of the first verification',
  );
  const length = (await eventsOf(db, admin.organizationId)).length;
  return { admin, length };
}

async function chainOf(organizationId: string, token: string): Promise<Chain> {
  const result = await stack.graphql<{ auditChain: Chain }>(CHAIN, { organizationId }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.auditChain;
}

const asSuperuserWithoutTriggers = (sql: string, params: unknown[]) => withoutTriggers(db, sql, params);

describe('verifying a tampered chain', () => {
  it('reports a tail a superuser cut off, where it was cut, before any new append', async () => {
    const { admin, length } = await settledChain('tamper-tail', 6);
    await asSuperuserWithoutTriggers(
      'delete from audit.events where organization_id = $1 and sequence > $2',
      [admin.organizationId, length - 2],
    );
    expect(await chainOf(admin.organizationId, admin.token)).toMatchObject({
      valid: false,
      brokenAt: length - 1,
      breakReason: 'TAIL_MISSING',
      recordedHeadSequence: length,
      headSequence: length - 2,
    });
  });

  it('reports a cut middle and a modified row with their reasons', async () => {
    const middle = await settledChain('tamper-middle', 6);
    await asSuperuserWithoutTriggers(
      'delete from audit.events where organization_id = $1 and sequence = $2',
      [middle.admin.organizationId, middle.length - 3],
    );
    expect(await chainOf(middle.admin.organizationId, middle.admin.token)).toMatchObject({
      valid: false,
      brokenAt: middle.length - 3,
      breakReason: 'EVENT_MISSING',
    });

    const modified = await settledChain('tamper-modified', 6);
    await asSuperuserWithoutTriggers(
      `update audit.events set actor_ip = '203.0.113.9' where organization_id = $1 and sequence = $2`,
      [modified.admin.organizationId, modified.length - 1],
    );
    expect(await chainOf(modified.admin.organizationId, modified.admin.token)).toMatchObject({
      valid: false,
      brokenAt: modified.length - 1,
      breakReason: 'HASH_MISMATCH',
    });
  });

  it('reports a removed head row, and refuses a rewound head even to the owner', async () => {
    const { admin } = await settledChain('tamper-head', 3);
    const env = testEnvironment();
    const owner = new pg.Client({
      connectionString: urlForRole(env.databaseUrl, rolesOf('audit').owner, env.dbSecret),
    });
    await owner.connect();
    const headOf = () =>
      db.query('select sequence, hash from audit.chain_heads where organization_id = $1', [
        admin.organizationId,
      ]);
    const before = (await headOf()).rows as { sequence: string; hash: string }[];
    try {
      await expect(
        owner.query('update audit.chain_heads set sequence = sequence - 1 where organization_id = $1', [
          admin.organizationId,
        ]),
      ).rejects.toThrow(/only advances/);
      // No policy lets the owner delete a head, and the trigger would refuse it: nothing goes.
      await owner
        .query('delete from audit.chain_heads where organization_id = $1', [admin.organizationId])
        .catch(() => undefined);
      expect((await headOf()).rows).toEqual(before);
    } finally {
      await owner.end();
    }
    await asSuperuserWithoutTriggers('delete from audit.chain_heads where organization_id = $1', [
      admin.organizationId,
    ]);
    expect(await chainOf(admin.organizationId, admin.token)).toMatchObject({
      valid: false,
      brokenAt: 1,
      breakReason: 'HEAD_MISMATCH',
      recordedHeadSequence: null,
    });
    // Put it back: appends to a chain without its head fail (and hold up the access log's batch).
    await asSuperuserWithoutTriggers(
      `insert into audit.chain_heads (organization_id, sequence, hash)
         values ($1, ($2::jsonb->>'sequence')::bigint, $2::jsonb->>'hash')`,
      [admin.organizationId, JSON.stringify(before[0])],
    );
  });
});

describe('the retention sweep on a tampered chain', () => {
  it('signs no checkpoint over a changed event: the prefix stays, the break still shows', async () => {
    const organizationId = randomUUID();
    const old = new Date(Date.now() - 14 * 31 * 24 * 3600_000);
    const ingested = await callSubgraph(stack, 'audit', { kind: 'system', service: 'identity' }, INGEST, {
      events: [0, 1, 2, 3].map((n) => event(organizationId, n, old)),
    });
    expect(ingested.errors).toBeUndefined();
    await asSuperuserWithoutTriggers(
      `update audit.events set metadata = '{"n": 99}' where organization_id = $1 and sequence = 2`,
      [organizationId],
    );
    const keys = checkpointKeysOf(privateKeyFromPem(testEnvironment().auditSigning.privateKeyPem));
    await expect(purgeExpiredEvents(orm, keys, organizationId)).rejects.toThrow(
      /breaks at 2 \(HASH_MISMATCH\)/,
    );
    const { rows } = await db.query(
      'select (select count(*)::int from audit.events where organization_id = $1) as events, (select count(*)::int from audit.checkpoints where organization_id = $1) as checkpoints',
      [organizationId],
    );
    expect(rows[0]).toEqual({ events: 4, checkpoints: 0 });
  });
});

describe('the audit runtime role', () => {
  it('can append, and is refused every UPDATE, DELETE and TRUNCATE on events and heads', async () => {
    const { admin, length } = await settledChain('runtime-append-only', 2);
    const env = testEnvironment();
    const runtime = new pg.Client({
      connectionString: urlForRole(env.databaseUrl, rolesOf('audit').runtime, env.dbSecret),
    });
    await runtime.connect();
    const { rows: heads } = await db.query<{ sequence: string; hash: string }>(
      'select sequence, hash from audit.chain_heads where organization_id = $1',
      [admin.organizationId],
    );
    try {
      await runtime.query('begin');
      await runtime.query(`select set_config('app.tenant_ids', $1, true)`, [admin.organizationId]);
      await runtime.query('savepoint clean');
      const o = `'${admin.organizationId}'`;
      for (const sql of [
        `update audit.chain_heads set sequence = 1 where organization_id = ${o}`,
        `update audit.chain_heads set hash = repeat('0', 64) where organization_id = ${o}`,
        `insert into audit.chain_heads (organization_id, sequence, hash) values (gen_random_uuid(), 1, repeat('0', 64))`,
        `insert into audit.chain_heads (organization_id, sequence, hash) values (${o}, 1, repeat('0', 64))
           on conflict (organization_id) do update set sequence = 1`,
        `delete from audit.chain_heads where organization_id = ${o}`,
        'truncate audit.chain_heads',
        `update audit.events set action = 'x' where organization_id = ${o}`,
        `delete from audit.events where organization_id = ${o}`,
        'truncate audit.events',
        `insert into audit.checkpoints (organization_id, sequence, hash, purged_at, key_id, signature)
           values (${o}, 1, repeat('a', 64), now(), repeat('b', 16), 'x')`,
        `update audit.checkpoints set sequence = 1 where organization_id = ${o}`,
        `delete from audit.checkpoints where organization_id = ${o}`,
        'truncate audit.checkpoints',
      ]) {
        await expect(runtime.query(sql)).rejects.toThrow(/permission denied/);
        await runtime.query('rollback to savepoint clean');
      }
      // What it may do: append, and the head follows (through the owner's trigger alone).
      const previous = heads[0]!;
      await runtime.query(
        `insert into audit.events (id, organization_id, sequence, occurred_at, action, outcome, actor_type,
           previous_hash, hash) values (gen_random_uuid(), $1, $2, now(), 'test.append', 'SUCCESS', 'SYSTEM', $3, repeat('c', 64))`,
        [admin.organizationId, Number(previous.sequence) + 1, previous.hash],
      );
      const { rows } = await runtime.query<{ sequence: string; hash: string }>(
        'select sequence, hash from audit.chain_heads where organization_id = $1',
        [admin.organizationId],
      );
      expect(rows).toEqual([{ sequence: String(length + 1), hash: 'c'.repeat(64) }]);
    } finally {
      await runtime.query('rollback').catch(() => undefined);
      await runtime.end();
    }
  });
});
