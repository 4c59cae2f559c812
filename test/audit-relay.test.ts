import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import {
  auditOutboxSql,
  recordAuditEvent,
  type OutboxEvent,
} from '../subgraphs/protocols/audit-outbox/audit-outbox.ts';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { createInternalClient } from '../platform/internal-client.ts';
import { createInternalTokenSigner, privateKeyFromPem, serviceIssuerOf } from '../platform/internal-token.ts';
import { createLogger } from '../platform/logger.ts';
import { initOrm } from '../subgraphs/runtime/orm.ts';
import { startOutboxRelay, type OutboxRelay } from '../subgraphs/protocols/audit-outbox/outbox-relay.ts';
import { adminClient, startTestStack, type TestStack } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';
import { eventsOf, startSubgraphAgain, stopSubgraph, waitFor } from './support/audit-helpers.ts';

// A relay over an outbox of its own: no other test's relay (they share the database) can deliver
// these rows, so "nothing is delivered while audit is down" is a deterministic check here.
const schema = `relay_test_${randomUUID().slice(0, 8)}`;
const { runtime } = rolesOf('identity');

let stack: TestStack;
let db: pg.Client;
let orm: MikroORM;
let relay: OutboxRelay;

beforeAll(async () => {
  stack = await startTestStack();
  db = await adminClient();
  await db.query(`create schema ${schema}`);
  for (const sql of auditOutboxSql(schema)) await db.query(sql);
  await db.query(`grant usage on schema ${schema} to ${runtime}`);
  await db.query(`grant select, insert, update, delete on ${schema}.audit_outbox to ${runtime}`);
  const env = testEnvironment();
  orm = await initOrm({
    subgraph: 'identity',
    clientUrl: urlForRole(env.databaseUrl, runtime, env.dbSecret),
    entities: [],
    migrations: [],
    poolMax: 4,
  });
  const signer = createInternalTokenSigner(privateKeyFromPem(env.services.identity!.privateKeyPem), {
    issuer: serviceIssuerOf('identity'),
  });
  relay = startOutboxRelay({
    orm,
    schema,
    internal: createInternalClient(signer, 'identity', (name) => stack.subgraphs[name]?.url),
    logger: createLogger('test', 'silent'),
    listenUrl: urlForRole(env.databaseUrl, runtime, env.dbSecret),
    maxBackoffMs: 1000,
  });
});
afterAll(async () => {
  await relay?.stop();
  await orm?.close(true);
  await db?.query(`drop schema ${schema} cascade`);
  await db?.end();
  await stack?.close();
});

const outboxEvent = (organizationId: string, n: number): OutboxEvent => ({
  action: 'test.relay.event',
  outcome: 'SUCCESS',
  organizationId,
  actor: { type: 'SYSTEM', id: 'relay-test', ip: '203.0.113.5', userAgent: null, deviceType: null },
  target: { type: 'Thing', id: String(n) },
  metadata: { n },
});

/** Records events the way a subgraph does: in a transaction that commits, or not. */
async function record(events: OutboxEvent[], commit = true) {
  const em = orm.em.fork({ clear: true, useContext: false });
  await em
    .transactional(async (tx) => {
      for (const event of events) await recordAuditEvent(tx, schema, event);
      if (!commit) throw new Error('rolled back on purpose');
    })
    .catch((error: unknown) => {
      if (commit) throw error;
    });
}

const pending = async () =>
  (await db.query(`select count(*)::int as n from ${schema}.audit_outbox where delivered_at is null`)).rows[0]
    .n as number;

describe('the outbox relay', () => {
  it('delivers committed events once, and rolled-back ones never', async () => {
    const organizationId = randomUUID();
    await record([outboxEvent(organizationId, 1), outboxEvent(organizationId, 2)]);
    await record([outboxEvent(organizationId, 3)], false);
    const events = await waitFor(async () => {
      const found = await eventsOf(db, organizationId, 'test.relay.');
      return found.length >= 2 ? found : undefined;
    }, 'delivery');
    await relay.deliverNow();
    expect((await eventsOf(db, organizationId, 'test.relay.')).map((e) => e.metadata?.n)).toEqual([1, 2]);
    expect(events[0]!.actor_ip).toBe('203.0.113.5');
    expect(await pending()).toBe(0);
  });

  it('holds events while the audit subgraph is down and delivers each once when it is back', async () => {
    const organizationId = randomUUID();
    const port = await stopSubgraph(stack, 'audit');
    try {
      await Promise.all(
        Array.from({ length: 5 }, (_, batch) =>
          record(Array.from({ length: 30 }, (_, i) => outboxEvent(organizationId, batch * 30 + i))),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await pending()).toBe(150);
      expect(await eventsOf(db, organizationId)).toEqual([]);
    } finally {
      await startSubgraphAgain(stack, 'audit', port);
    }
    await waitFor(async () => (await pending()) === 0, 'an empty outbox');
    const delivered = await eventsOf(db, organizationId, 'test.relay.');
    expect(delivered).toHaveLength(150);
    expect(new Set(delivered.map((e) => e.metadata?.n)).size).toBe(150);
    expect(delivered.map((e) => e.sequence)).toEqual(delivered.map((_, i) => i + 1));
  });

  it('delivers a malformed row as evidence instead of blocking the queue', async () => {
    const id = randomUUID();
    await db.query(`insert into ${schema}.audit_outbox (id, event) values ($1, '{"not": "an event"}')`, [id]);
    await waitFor(async () => (await pending()) === 0, 'the malformed row delivered');
    const { rows } = await db.query(`select action, metadata from audit.events where id = any($1::uuid[])`, [
      [id],
    ]);
    // A user-less event goes to the platform chain, under its fan-out copy id.
    expect(rows).toEqual([]);
    const platform = await db.query(
      `select action from audit.events where action = 'audit.outbox.malformed' and metadata->>'raw' like '%an event%'`,
    );
    expect(platform.rowCount).toBeGreaterThanOrEqual(1);
  });
});
