import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import {
  INGEST,
  adminWithOrganization,
  auditRuntimeOrm,
  callSubgraph,
  eventsOf,
  waitFor,
} from './support/audit-helpers.ts';
import { createLogger } from '../platform/logger.ts';
import { deliverStreams } from '../subgraphs/audit/src/stream/stream-delivery.ts';
import { createStreamMetrics } from '../subgraphs/audit/src/stream/stream-metrics.ts';
import { DEVELOPMENT_STREAM_KEY } from '../subgraphs/audit/src/stream/stream-secret.ts';
import { join } from './support/tenancy-fixtures.ts';
import { scrape, seriesSum } from './support/metrics.ts';
import { standaloneSealer } from '../scripts/lib/standalone-sealer.ts';
import { testEnvironment } from './support/test-env.ts';

// Audit streams end to end: an admin points a stream at a real HTTP receiver on loopback; a burst of
// events arrives in chain order with valid signatures, through an outage of the receiver, with no
// event missing once deduplicated by id; another organization's admin gets NOT_FOUND, a member
// FORBIDDEN, bad input a code and no change.

interface ReceivedEvent {
  id: string;
  sequence: number;
  action: string;
}
interface Delivery {
  validSignature: boolean;
  body: string;
  streamId: string;
  organizationId: string;
  events: ReceivedEvent[];
}

const STREAM_FIELDS = /* GraphQL */ `
  id
  organizationId
  url
  enabled
  format
  deliveredSequence
  lastDeliveredAt
  lastError
  lastErrorAt
  failures
  nextAttemptAt
`;
const CREATE = /* GraphQL */ `
  mutation Create($organizationId: ID!, $url: String!, $format: AuditStreamFormat) {
    createAuditStream(organizationId: $organizationId, input: { url: $url, format: $format }) {
      secret
      stream { ${STREAM_FIELDS} }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: UpdateAuditStreamInput!) {
    updateAuditStream(id: $id, input: $input) { ${STREAM_FIELDS} }
  }
`;
const DELETE = /* GraphQL */ `
  mutation Delete($id: ID!) {
    deleteAuditStream(id: $id)
  }
`;
const STREAMS = /* GraphQL */ `
  query Streams($organizationId: ID!) {
    auditStreams(organizationId: $organizationId) { ${STREAM_FIELDS} }
  }
`;

interface Stream {
  id: string;
  organizationId: string;
  url: string;
  enabled: boolean;
  deliveredSequence: number;
  lastDeliveredAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  failures: number;
  nextAttemptAt: string;
}

let stack: TestStack;
let db: pg.Client;
const logLines: string[] = [];
type Admin = Awaited<ReturnType<typeof adminWithOrganization>>;
let a: Admin;
let b: Admin;

/** The receiver: verifies each POST's signature with the secret it is given, and can go down. */
const deliveries: Delivery[] = [];
const secrets = new Map<string, string>();
let server: Server;
let port = 0;
const receiverUrl = () => `http://127.0.0.1:${port}/steward`;

function verify(secret: string | undefined, header: string | undefined, body: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!secret || !match) return false;
  const [, t, mac] = match;
  if (Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(mac!, 'hex'));
}

function listen(onPort = 0): Promise<void> {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const parsed = JSON.parse(body) as Omit<Delivery, 'validSignature' | 'body'>;
      const header = request.headers['steward-signature'];
      deliveries.push({
        ...parsed,
        body,
        validSignature: verify(
          secrets.get(parsed.streamId),
          typeof header === 'string' ? header : undefined,
          body,
        ),
      });
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(onPort, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve();
    }),
  );
}

function stopReceiver(): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

const identity = { kind: 'system', service: 'identity' } as const;
async function ingestBurst(organizationId: string, count: number, label: string) {
  for (let start = 0; start < count; start += 100) {
    const events = Array.from({ length: Math.min(100, count - start) }, (_, i) => ({
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
      organizationId,
      action: `test.stream.${label}`,
      outcome: 'SUCCESS',
      actor: { type: 'SYSTEM', id: 'test' },
      metadata: { n: start + i },
    }));
    const result = await callSubgraph(stack, 'audit', identity, INGEST, { events });
    expect(result.errors).toBeUndefined();
  }
}

const headOf = async (organizationId: string) => {
  const { rows } = await db.query<{ sequence: number }>(
    'select coalesce(max(sequence), 0)::int as sequence from audit.events where organization_id = $1',
    [organizationId],
  );
  return rows[0]!.sequence;
};

/** Every event the stream received, first receipt of each id, in receipt order. */
function receivedOf(streamId: string): ReceivedEvent[] {
  const seen = new Set<string>();
  const events: ReceivedEvent[] = [];
  for (const delivery of deliveries.filter((d) => d.streamId === streamId)) {
    for (const event of delivery.events) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      events.push(event);
    }
  }
  return events;
}

const streamsOf = async (admin: Admin) => {
  const result = await stack.graphql<{ auditStreams: Stream[] }>(
    STREAMS,
    { organizationId: admin.organizationId },
    admin.token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.auditStreams;
};

beforeAll(async () => {
  await listen();
  stack = await startTestStack({
    logLines,
    audit: { streamPollMs: 200, streamRetryBaseMs: 300, databaseAuditIntervalMs: 0 },
  });
  db = await adminClient();
  [a, b] = await Promise.all([
    adminWithOrganization(stack, uniqueEmail('stream-a'), 'Streamed A'),
    adminWithOrganization(stack, uniqueEmail('stream-b'), 'Streamed B'),
  ]);
}, 120_000);
afterAll(async () => {
  await db?.end();
  await stack?.close();
  await stopReceiver().catch(() => undefined);
});

describe('audit streams', () => {
  it('refuses bad URLs with a code and changes nothing', async () => {
    for (const url of [
      'ftp://127.0.0.1/x',
      'http://example.com/hook',
      'https://user:pw@example.com/hook',
      'https://example.com/hook#part',
      'not a url',
      `https://example.com/${'x'.repeat(3000)}`,
    ]) {
      const result = await stack.graphql(CREATE, { organizationId: a.organizationId, url }, a.token);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await streamsOf(a)).toEqual([]);
    expect(await eventsOf(db, a.organizationId, 'audit.stream.')).toEqual([]);
  });

  it('answers NOT_FOUND to another organization and FORBIDDEN to a member, for every operation', async () => {
    const created = await stack.graphql<{ createAuditStream: { stream: Stream } }>(
      CREATE,
      { organizationId: b.organizationId, url: receiverUrl() },
      b.token,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createAuditStream.stream.id;
    const member = await join(
      stack,
      b.token,
      { organizationId: b.organizationId, role: 'MEMBER' },
      'stream-member',
    );

    const outsider = [
      await stack.graphql(CREATE, { organizationId: b.organizationId, url: receiverUrl() }, a.token),
      await stack.graphql(STREAMS, { organizationId: b.organizationId }, a.token),
      await stack.graphql(UPDATE, { id, input: { enabled: false } }, a.token),
      await stack.graphql(DELETE, { id }, a.token),
    ];
    expect(outsider.map((r) => r.errors?.[0]?.extensions?.code)).toEqual([
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
    ]);
    const asMember = [
      await stack.graphql(CREATE, { organizationId: b.organizationId, url: receiverUrl() }, member.token),
      await stack.graphql(STREAMS, { organizationId: b.organizationId }, member.token),
      await stack.graphql(UPDATE, { id, input: { enabled: false } }, member.token),
      await stack.graphql(DELETE, { id }, member.token),
    ];
    expect(asMember.map((r) => r.errors?.[0]?.extensions?.code)).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
    const nothing = await stack.graphql(UPDATE, { id, input: {} }, b.token);
    expect(nothing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badUrl = await stack.graphql(UPDATE, { id, input: { url: 'http://example.com/' } }, b.token);
    expect(badUrl.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Unchanged: one stream, on, at the receiver.
    const [stream] = await streamsOf(b);
    expect(stream).toMatchObject({ id, enabled: true, url: receiverUrl() });

    const deleted = await stack.graphql<{ deleteAuditStream: string }>(DELETE, { id }, b.token);
    expect(deleted.data?.deleteAuditStream).toBe(id);
    expect(await streamsOf(b)).toEqual([]);
    expect((await eventsOf(db, b.organizationId, 'audit.stream.')).map((e) => e.action)).toEqual([
      'audit.stream.create',
      'audit.stream.delete',
    ]);
  });

  it('delivers a burst of 1,000 events in order, signed, through a receiver outage, none missing', async () => {
    const created = await stack.graphql<{ createAuditStream: { stream: Stream; secret: string } }>(
      CREATE,
      { organizationId: a.organizationId, url: receiverUrl() },
      a.token,
    );
    expect(created.errors).toBeUndefined();
    const { stream, secret } = created.data!.createAuditStream;
    expect(secret).toMatch(/^whsec_/);
    secrets.set(stream.id, secret);
    // The secret is kept sealed, never in clear.
    const { rows } = await db.query<{ secret_sealed: string }>(
      'select secret_sealed from audit.streams where id = $1',
      [stream.id],
    );
    expect(rows[0]!.secret_sealed).not.toContain(secret.slice(6));
    const startedAfter = stream.deliveredSequence;

    await ingestBurst(a.organizationId, 500, 'burst');
    await waitFor(async () => receivedOf(stream.id).length > 0, 'the first deliveries');
    // The receiver goes away for several seconds, mid-burst.
    await stopReceiver();
    const downAt = Date.now();
    await ingestBurst(a.organizationId, 500, 'burst');
    const failing = await waitFor(async () => {
      const [s] = await streamsOf(a);
      return s && s.failures >= 2 ? s : undefined;
    }, 'failures shown to the admin');
    expect(failing.lastError).toBeTruthy();
    expect(failing.lastErrorAt).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 4000 - (Date.now() - downAt))));
    await listen(port);

    const head = await headOf(a.organizationId);
    await waitFor(
      async () => receivedOf(stream.id).some((e) => e.sequence === head),
      'every event after the outage',
      60_000,
    );
    const received = receivedOf(stream.id);
    // In chain order, each sequence once, from the stream's start to the head: nothing missing.
    expect(received.map((e) => e.sequence)).toEqual(
      Array.from({ length: head - startedAfter }, (_, i) => startedAfter + 1 + i),
    );
    expect(received[0]!.action).toBe('audit.stream.create');
    expect(received.filter((e) => e.action === 'test.stream.burst')).toHaveLength(1000);
    expect(deliveries.filter((d) => d.streamId === stream.id).every((d) => d.validSignature)).toBe(true);
    expect(deliveries.every((d) => d.organizationId !== b.organizationId || d.streamId !== stream.id)).toBe(
      true,
    );

    const [after] = await waitFor(async () => {
      const streams = await streamsOf(a);
      return streams[0]?.deliveredSequence === head ? streams : undefined;
    }, 'the acknowledged sequence');
    expect(after).toMatchObject({ failures: 0, deliveredSequence: head });
    expect(after!.lastError).toBeTruthy(); // the last failure stays visible after recovery
    const metrics = await scrape(stack.subgraphs.audit!.url);
    expect(seriesSum(metrics, 'steward_audit_stream_failures_total')).toBeGreaterThanOrEqual(2);
    expect(seriesSum(metrics, 'steward_audit_stream_events_delivered_total')).toBeGreaterThanOrEqual(1000);
    expect(logLines.some((line) => line.includes('audit stream delivery failed'))).toBe(true);
  }, 120_000);

  it('holds a disabled stream and catches it up when enabled again', async () => {
    const [stream] = await streamsOf(a);
    const off = await stack.graphql<{ updateAuditStream: Stream }>(
      UPDATE,
      { id: stream!.id, input: { enabled: false } },
      a.token,
    );
    expect(off.data?.updateAuditStream.enabled).toBe(false);
    const before = receivedOf(stream!.id).length;
    await ingestBurst(a.organizationId, 30, 'while-off');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // The disable event itself may be delivered by a pass that began before it; nothing after.
    expect(receivedOf(stream!.id).filter((e) => e.action === 'test.stream.while-off')).toHaveLength(0);
    expect(receivedOf(stream!.id).length).toBeLessThanOrEqual(before + 1);

    const on = await stack.graphql(UPDATE, { id: stream!.id, input: { enabled: true } }, a.token);
    expect(on.errors).toBeUndefined();
    const head = await headOf(a.organizationId);
    await waitFor(async () => receivedOf(stream!.id).some((e) => e.sequence === head), 'the catch-up');
    const received = receivedOf(stream!.id);
    expect(received.filter((e) => e.action === 'test.stream.while-off')).toHaveLength(30);
    const sequences = received.map((e) => e.sequence);
    expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
    expect(new Set(sequences).size).toBe(sequences.length);
    expect((await eventsOf(db, a.organizationId, 'audit.stream.')).map((e) => e.action)).toEqual([
      'audit.stream.create',
      'audit.stream.update',
      'audit.stream.update',
    ]);
  }, 60_000);

  it('never delivers one stream from two replicas at once: each event arrives exactly once', async () => {
    const c = await adminWithOrganization(stack, uniqueEmail('stream-c'), 'Streamed C');
    const created = await stack.graphql<{ createAuditStream: { stream: Stream; secret: string } }>(
      CREATE,
      { organizationId: c.organizationId, url: receiverUrl() },
      c.token,
    );
    expect(created.errors).toBeUndefined();
    const { stream, secret } = created.data!.createAuditStream;
    secrets.set(stream.id, secret);
    // Three more replicas' delivery loops, polling every 20 ms beside the audit process's own.
    const orm = await auditRuntimeOrm();
    const keys = standaloneSealer(testEnvironment().databaseUrl);
    const deps = {
      orm,
      sealer: keys.sealer,
      logger: createLogger('test', 'silent'),
      metrics: createStreamMetrics(undefined),
      key: DEVELOPMENT_STREAM_KEY,
      allowLoopback: true,
      now: () => new Date(),
      batchSize: 25,
    };
    let running = true;
    const replica = async () => {
      while (running) {
        await deliverStreams(deps);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const replicas = [replica(), replica(), replica()];
    try {
      for (let round = 0; round < 6; round++) await ingestBurst(c.organizationId, 50, 'contended');
      const head = await headOf(c.organizationId);
      await waitFor(
        async () => receivedOf(stream.id).some((e) => e.sequence === head),
        'the contended stream',
      );
    } finally {
      running = false;
      await Promise.all(replicas);
      await orm.close();
      await keys.close();
    }
    // Not deduplicated: every id once, sequences contiguous and in order, across all POSTs.
    const all = deliveries.filter((d) => d.streamId === stream.id).flatMap((d) => d.events);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.map((e) => e.sequence)).toEqual(all.map((_, i) => stream.deliveredSequence + 1 + i));
    expect(all.filter((e) => e.action === 'test.stream.contended')).toHaveLength(300);
    expect(deliveries.filter((d) => d.streamId === stream.id).every((d) => d.validSignature)).toBe(true);
  }, 60_000);

  it('writes OCSF API Activity events for a stream in that format, ids and sequences kept', async () => {
    const created = await stack.graphql<{ createAuditStream: { stream: Stream; secret: string } }>(
      CREATE,
      { organizationId: b.organizationId, url: receiverUrl(), format: 'OCSF' },
      b.token,
    );
    expect(created.errors).toBeUndefined();
    const { stream, secret } = created.data!.createAuditStream;
    expect(stream).toMatchObject({ format: 'OCSF', enabled: true });
    secrets.set(stream.id, secret);
    await ingestBurst(b.organizationId, 5, 'ocsf');
    const head = await headOf(b.organizationId);
    interface OcsfBatch {
      format: string;
      events: {
        class_uid: number;
        type_uid: number;
        time: number;
        status_id: number;
        metadata: { uid: string; sequence: number; tenant_uid: string; version: string };
        api: { operation: string };
        resources: { type: string; uid: string | null }[];
      }[];
    }
    const batches = await waitFor(async () => {
      const bodies: OcsfBatch[] = deliveries
        .filter((d) => d.streamId === stream.id)
        .map((d) => JSON.parse(d.body));
      return bodies.flatMap((batch) => batch.events).some((e) => e.metadata.sequence === head)
        ? bodies
        : undefined;
    }, 'the OCSF stream');
    const events = batches.flatMap((batch) => batch.events);
    expect(batches.every((batch) => batch.format === 'OCSF')).toBe(true);
    expect(events.map((e) => e.metadata.sequence)).toEqual(
      events.map((_, i) => stream.deliveredSequence + 1 + i),
    );
    const stored = await eventsOf(db, b.organizationId);
    const byId = new Map(stored.map((e) => [e.id, e]));
    for (const event of events) {
      expect(byId.get(event.metadata.uid)?.sequence).toBe(event.metadata.sequence);
      expect(event).toMatchObject({
        class_uid: 6003,
        status_id: 1,
        metadata: { tenant_uid: b.organizationId },
      });
      expect(event.type_uid).toBe(600300 + (event.type_uid % 100));
    }
    expect(events[0]).toMatchObject({
      api: { operation: 'audit.stream.create' },
      type_uid: 600301,
      resources: [{ type: 'AuditStream', uid: stream.id }],
    });
    expect(events.filter((e) => e.api.operation === 'test.stream.ocsf')).toHaveLength(5);
    expect(deliveries.filter((d) => d.streamId === stream.id).every((d) => d.validSignature)).toBe(true);
  }, 60_000);

  it('resumes a stream whose replica died holding its lease once the lease runs out, and not before', async () => {
    const [stream] = await streamsOf(b);
    // A replica claimed the stream and died mid-delivery: its lease still runs.
    await db.query(
      `update audit.streams set lease_until = now() + interval '1 hour', lease_token = $2 where id = $1`,
      [stream!.id, randomUUID()],
    );
    await ingestBurst(b.organizationId, 3, 'after-crash');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const received = () =>
      deliveries
        .filter((d) => d.streamId === stream!.id)
        .flatMap((d) => (d.body.includes('after-crash') ? [d] : []));
    expect(received()).toEqual([]);
    // The lease runs out: the next pass of a live replica takes the stream over.
    await db.query(`update audit.streams set lease_until = now() - interval '1 second' where id = $1`, [
      stream!.id,
    ]);
    await waitFor(async () => received().length > 0, 'delivery after the dead lease');
    const [after] = await streamsOf(b);
    expect(after!.deliveredSequence).toBe(await headOf(b.organizationId));
  }, 30_000);
});
