import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import {
  auditOutboxSql,
  recordAuditEvent,
  type OutboxEvent,
} from '../subgraphs/protocols/audit-outbox/audit-outbox.ts';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { PLATFORM_CHAIN_ID } from '../subgraphs/audit/src/ingest/fan-out-id.ts';
import { createInternalClient } from '../platform/internal-client.ts';
import { createInternalTokenSigner, privateKeyFromPem, serviceIssuerOf } from '../platform/internal-token.ts';
import { createLogger } from '../platform/logger.ts';
import { initOrm } from '../subgraphs/runtime/orm.ts';
import {
  readOutboxBacklog,
  startOutboxRelay,
  type OutboxRelay,
} from '../subgraphs/protocols/audit-outbox/outbox-relay.ts';
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
const registry = new Registry();
const logLines: string[] = [];
const collect = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});
const MAX_ATTEMPTS = 3;

beforeAll(async () => {
  stack = await startTestStack();
  db = await adminClient();
  await createOutbox(schema);
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
    logger: createLogger('test', { level: 'warn', destination: collect }),
    listenUrl: urlForRole(env.databaseUrl, runtime, env.dbSecret),
    maxBackoffMs: 1000,
    maxAttempts: MAX_ATTEMPTS,
    rejectRetryMs: 100,
    registry,
  });
});

async function createOutbox(name: string) {
  await db.query(`create schema ${name}`);
  for (const sql of auditOutboxSql(name)) await db.query(sql);
  await db.query(`grant usage on schema ${name} to ${runtime}`);
  await db.query(`grant select, insert, update, delete on ${name}.audit_outbox to ${runtime}`);
}
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
  (
    await db.query(
      `select count(*)::int as n from ${schema}.audit_outbox where delivered_at is null and dead_at is null`,
    )
  ).rows[0].n as number;

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
    // Its details (the row as it was) sealed under the platform chain's key, opened here.
    const platform = await eventsOf(db, PLATFORM_CHAIN_ID, 'audit.outbox.malformed');
    expect(platform.some((event) => String(event.metadata?.raw).includes('an event'))).toBe(true);
  });

  it('sets a refused event aside as a dead letter after N refusals, and delivers the rest of its batch', async () => {
    const organizationId = randomUUID();
    // A clock gone wild: year 10000 is a timestamp PostgreSQL keeps and no ISO-8601 reader takes.
    const poison = randomUUID();
    await db.query(
      `insert into ${schema}.audit_outbox (id, occurred_at, organization_id, event)
       values ($1, '10000-01-01T00:00:00Z', $2, $3::jsonb)`,
      [poison, organizationId, JSON.stringify(outboxEvent(organizationId, 0))],
    );
    // Claimed with the poison in one batch: the request carrying all of them is refused whole.
    await record(Array.from({ length: 9 }, (_, i) => outboxEvent(organizationId, i + 1)));
    await waitFor(
      async () => (await eventsOf(db, organizationId, 'test.relay.')).length === 9,
      'the nine good events',
    );
    const dead = await waitFor(async () => {
      const { rows } = await db.query(
        `select attempts, last_error, delivered_at, dead_at from ${schema}.audit_outbox where id = $1`,
        [poison],
      );
      return rows[0]?.dead_at ? rows[0] : undefined;
    }, 'the dead letter');
    expect(dead).toMatchObject({
      attempts: MAX_ATTEMPTS,
      delivered_at: null,
      last_error: expect.any(String),
    });
    expect(dead.last_error).toMatch(/audit/);
    // Events recorded after it still flow while it sits in the dead letters.
    await record([outboxEvent(organizationId, 10)]);
    await waitFor(
      async () => (await eventsOf(db, organizationId, 'test.relay.')).length === 10,
      'a later event',
    );
    await waitFor(async () => (await pending()) === 0, 'an empty outbox but for the dead letter');
    expect((await eventsOf(db, organizationId, 'test.relay.')).map((e) => e.metadata?.n)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
    const metrics = await registry.metrics();
    expect(metrics).toMatch(
      new RegExp(`steward_audit_dead_letters_total\\{[^}]*queue="${schema}.audit_outbox"[^}]*\\} 1`),
    );
    expect(metrics).toMatch(
      new RegExp(`steward_audit_delivery_failures_total\\{[^}]*kind="rejected"[^}]*\\} [1-9]`),
    );
    expect(await readOutboxBacklog(orm, schema)).toContainEqual({
      queue: `${schema}.audit_outbox.dead`,
      depth: 1,
      oldestAgeSeconds: expect.any(Number),
    });
    const errors = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(errors).toContainEqual(
      expect.objectContaining({ level: 50, eventId: poison, msg: expect.stringMatching(/dead letter/) }),
    );
  });

  it('stops at once while a delivery hangs, counting nothing against the events', async () => {
    const hungSchema = `relay_hung_${randomUUID().slice(0, 8)}`;
    await createOutbox(hungSchema);
    // An "audit subgraph" that takes requests and never answers.
    const hung: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const env = testEnvironment();
    const signer = createInternalTokenSigner(privateKeyFromPem(env.services.identity!.privateKeyPem), {
      issuer: serviceIssuerOf('identity'),
    });
    const hungUrl = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/graphql`;
    const stuck = startOutboxRelay({
      orm,
      schema: hungSchema,
      internal: createInternalClient(signer, 'identity', () => hungUrl, 60_000),
      logger: createLogger('test', 'silent'),
      pollMs: 50,
    });
    try {
      const em = orm.em.fork({ clear: true, useContext: false });
      await em.transactional(async (tx) => {
        for (let n = 0; n < 3; n++) await recordAuditEvent(tx, hungSchema, outboxEvent(randomUUID(), n));
      });
      await waitFor(
        async () =>
          (await db.query(`select 1 from ${hungSchema}.audit_outbox where locked_until is not null`))
            .rowCount,
        'the claim',
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      // No transaction is held across the call: the claimed rows can be locked by anyone meanwhile.
      const { rows } = await db.query(
        `select attempts, dead_at, delivered_at from ${hungSchema}.audit_outbox for update nowait`,
      );
      expect(rows).toHaveLength(3);
      const started = Date.now();
      await stuck.stop();
      expect(Date.now() - started).toBeLessThan(1000);
      for (const row of rows) expect(row).toEqual({ attempts: 0, dead_at: null, delivered_at: null });
    } finally {
      await stuck.stop();
      hung.closeAllConnections();
      hung.close();
      await db.query(`drop schema ${hungSchema} cascade`);
    }
  });

  it('deletes delivered rows once kept their while, undelivered and dead ones never', async () => {
    const pruned = `relay_pruned_${randomUUID().slice(0, 8)}`;
    await createOutbox(pruned);
    const env = testEnvironment();
    const signer = createInternalTokenSigner(privateKeyFromPem(env.services.identity!.privateKeyPem), {
      issuer: serviceIssuerOf('identity'),
    });
    const keepDeliveredMs = 300;
    const short = startOutboxRelay({
      orm,
      schema: pruned,
      internal: createInternalClient(signer, 'identity', (name) => stack.subgraphs[name]?.url),
      logger: createLogger('test', 'silent'),
      pollMs: 50,
      keepDeliveredMs,
    });
    const rowsOf = async () =>
      (
        await db.query<{ id: string; delivered: boolean; dead: boolean }>(
          `select id, delivered_at is not null as delivered, dead_at is not null as dead from ${pruned}.audit_outbox`,
        )
      ).rows;
    try {
      const organizationId = randomUUID();
      const em = orm.em.fork({ clear: true, useContext: false });
      await em.transactional(async (tx) => {
        for (let n = 0; n < 3; n++) await recordAuditEvent(tx, pruned, outboxEvent(organizationId, n));
      });
      // A dead letter waits for an operator, however old.
      const dead = randomUUID();
      await db.query(
        `insert into ${pruned}.audit_outbox (id, occurred_at, organization_id, event, dead_at, attempts)
         values ($1, now() - interval '1 day', $2, '{"not": "an event"}', now() - interval '1 day', 10)`,
        [dead, organizationId],
      );
      await waitFor(
        async () => (await rowsOf()).filter((row) => row.delivered).length === 3 || undefined,
        'delivery',
      );
      expect(await eventsOf(db, organizationId, 'test.relay.')).toHaveLength(3);
      await new Promise((resolve) => setTimeout(resolve, keepDeliveredMs + 100));
      await waitFor(async () => ((await rowsOf()).length === 1 ? true : undefined), 'the prune');
      expect(await rowsOf()).toEqual([{ id: dead, delivered: false, dead: true }]);
      // Audit keeps them: the outbox's copy was only ever the way there.
      expect(await eventsOf(db, organizationId, 'test.relay.')).toHaveLength(3);
    } finally {
      await short.stop();
      await db.query(`drop schema ${pruned} cascade`);
    }
  });
});
