import { serviceKeysEnv } from './support/service-keys-env.ts';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { scrape } from './support/metrics.ts';
import { startGatewayProcess } from './support/gateway-process.ts';
import { startNodeProcess } from './support/node-process.ts';
import {
  adminClient,
  createIsolatedDatabase,
  startTestStack,
  uniqueEmail,
  type TestStack,
} from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';

describe('a subgraph failing with a database error', () => {
  let stack: TestStack;
  let databaseUrl: string;
  const logLines: string[] = [];
  beforeAll(async () => {
    databaseUrl = await createIsolatedDatabase();
    stack = await startTestStack({ databaseUrl, logLines });
  });
  afterAll(() => stack?.close());

  it('reaches the client as a generic coded error; the log has the full error and the request id', async () => {
    const admin = await stack.signIn(uniqueEmail('dberror'));
    await stack.graphql('mutation { createOrganization(name: "Broken Tables") { id } }', {}, admin.token);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    // A real fault in a real resolver: the runtime role loses its grant on projects.
    await db.query('revoke select on tenancy.projects from steward_tenancy_app');
    await db.end();

    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ query: '{ organizations { name projects { name } } }' }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as {
      errors: { message: string; extensions: { code: string; requestId: string } }[];
    };

    expect(body.errors[0]!.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(text).not.toMatch(/permission denied|tenancy\.|projects_|select |stack|127\.0\.0\.1/i);
    const requestId = body.errors[0]!.extensions.requestId;
    expect(requestId).toEqual(response.headers.get('x-request-id'));
    const logged = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        requestId,
        err: expect.objectContaining({ message: expect.stringMatching(/permission denied/) }),
      }),
    );
  });
});

describe('a subgraph that is down or hung', () => {
  let stack: TestStack;
  let hung: Server;
  const hungSockets = new Set<Socket>();
  let hungStack: TestStack;
  let organizationId: string;
  let token: string;
  beforeAll(async () => {
    stack = await startTestStack();
    const admin = await stack.signIn(uniqueEmail('partial'));
    token = admin.token;
    const org = await stack.graphql<{ createOrganization: { id: string } }>(
      'mutation { createOrganization(name: "Half There") { id } }',
      {},
      token,
    );
    organizationId = org.data!.createOrganization.id;
    // Accepts connections and never answers.
    hung = createServer((socket) => void hungSockets.add(socket));
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const port = (hung.address() as { port: number }).port;
    hungStack = await startTestStack({
      gateway: { subgraphTimeoutMs: 500, subgraphUrls: { lifecycle: `http://127.0.0.1:${port}/graphql` } },
    });
  });
  afterAll(async () => {
    await hungStack?.close();
    for (const socket of hungSockets) socket.destroy();
    hung?.close();
    await stack?.close();
  });

  it('stopped: partial data with a coded error, a healthy gateway, and /readyz says which', async () => {
    // The admin's principal is cached by now; then tenancy goes away.
    expect((await stack.graphql('{ me { id } }', {}, token)).status).toBe(200);
    await stack.subgraphs.tenancy!.close();

    const result = await stack.graphql(
      'query($o: ID!) { me { email } organization(id: $o) { name } }',
      { o: organizationId },
      token,
    );

    expect(result.data).toEqual({ me: { email: expect.stringContaining('partial-') }, organization: null });
    expect(result.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
    expect(JSON.stringify(result.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|http:/);
    const health = await fetch(stack.url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    const ready = await fetch(stack.url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      ready: false,
      checks: { tenancy: false, identity: true, lifecycle: true, audit: true, database: true },
    });
  });

  it('hung: answered within the configured timeout, with a coded error', async () => {
    const user = await hungStack.signIn(uniqueEmail('hung'));
    const started = Date.now();

    const result = await hungStack.graphql('{ dataMap { name } }', {}, user.token);

    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.status).toBe(200);
    expect(result.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
    expect(JSON.stringify(result.errors)).not.toMatch(/127\.0\.0\.1|timeout|http:/i);
    const alive = await hungStack.graphql('{ me { email } }', {}, user.token);
    expect(alive.data).toEqual({ me: { email: expect.stringContaining('hung-') } });
  });
});

describe('operations', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      rateLimit: {
        principal: { capacity: 5, refillPerSecond: 0.5 },
        ip: { capacity: 1000, refillPerSecond: 100 },
      },
    });
  });
  afterAll(() => stack?.close());

  it('/metrics: Prometheus text with requests, latency, subgraph calls, authentication failures, rate limits', async () => {
    await stack.graphql('{ me { id } }');
    await stack.graphql('{ me { id } }', {}, 'not-a-session-token-at-all-really');
    const text = await scrape(stack.url);
    for (const series of [
      'steward_graphql_requests_total{',
      'steward_graphql_request_duration_seconds_bucket{',
      'steward_subgraph_request_duration_seconds_bucket{',
      'steward_authentication_failures_total',
      '# TYPE steward_rate_limited_total counter',
      'process_cpu_seconds_total',
    ]) {
      expect(text).toContain(series);
    }
    const subgraphMetrics = await (
      await fetch(stack.subgraphs.identity!.url.replace('/graphql', '/metrics'))
    ).text();
    expect(subgraphMetrics).toContain('steward_graphql_requests_total');
    expect(subgraphMetrics).toMatch(/steward_job_queue_depth\{[^}]*queue="identity.audit_outbox"[^}]*\} \d+/);
    expect(subgraphMetrics).toMatch(
      /steward_job_queue_oldest_age_seconds\{[^}]*queue="identity.audit_outbox"/,
    );
  });

  it('rate limiting: a burst beyond the limit gets RATE_LIMITED with Retry-After; another principal is unaffected', async () => {
    const greedy = await stack.signIn(uniqueEmail('greedy'));
    const other = await stack.signIn(uniqueEmail('other'));
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 8; i++) {
      const response = await fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${greedy.token}` },
        body: JSON.stringify({ query: '{ me { id } }' }),
      });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(limited!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(
      ((await limited!.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('RATE_LIMITED');
    const unaffected = await stack.graphql('{ me { id } }', {}, other.token);
    expect(unaffected.status).toBe(200);
  });

  it('SIGTERM during load: requests in flight finish, the gateway and a subgraph exit 0', async () => {
    const env = testEnvironment();
    const urls = Object.fromEntries(Object.values(stack.subgraphs).map((s) => [s.name, s.url]));
    const subgraph = await startNodeProcess('subgraphs/lifecycle/src/main.ts', {
      DATABASE_URL: env.databaseUrl,
      STEWARD_DB_SECRET: env.dbSecret,
      STEWARD_INTERNAL_PUBLIC_KEY: env.publicKeyPem,
      ...serviceKeysEnv('lifecycle', urls),
      // The stack's lifecycle works through the shared job queue; this one serves requests only.
      STEWARD_JOB_WORKER: 'off',
    });
    // Every call to lifecycle takes 300 ms, so requests are surely in flight when SIGTERM lands.
    const slow = await slowProxy(subgraph.url, 300);
    const gateway = await startGatewayProcess({ ...urls, lifecycle: slow.url });
    const inFlight = Array.from({ length: 30 }, () =>
      fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ dataMap { name } }' }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as object })),
    );
    // In flight: the gateway has parsed every request and waits on lifecycle for each.
    while (slow.received() < inFlight.length) await new Promise((resolve) => setTimeout(resolve, 10));

    const gatewayExit = await gateway.stop();
    const results = await Promise.all(inFlight);
    const subgraphExit = await subgraph.stop();
    await slow.close();

    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    expect(gatewayExit).toBe(0);
    expect(subgraphExit).toBe(0);
  });
});

/** Forwards to `target` after `delayMs`: a subgraph that is slow, not down. */
async function slowProxy(target: string, delayMs: number) {
  let received = 0;
  const server = createHttpServer((req, res) => {
    received++;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      setTimeout(() => {
        fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
          body: Buffer.concat(chunks),
        })
          .then(async (upstream) =>
            res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text()),
          )
          .catch(() => res.writeHead(502).end());
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the database ending every connection (a restart, a failover)', () => {
  it('idle connections that go away are dropped, not a crash: the gateway and subgraphs answer after', async () => {
    // A database of its own: ending its connections touches no other test.
    const databaseUrl = await createIsolatedDatabase();
    const stack = await startTestStack({ databaseUrl });
    const readyz = () => fetch(stack.url.replace('/graphql', '/readyz'));
    try {
      // The readiness check leaves idle connections in the gateway's and the subgraphs' pools.
      expect((await readyz()).status).toBe(200);
      const admin = await adminClient();
      try {
        const ended = await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity where usename <> $1 and datname = $2`,
          ['postgres', new URL(databaseUrl).pathname.slice(1)],
        );
        expect(ended.rowCount).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await readyz()).status).toBe(200);
      const user = await stack.signIn(uniqueEmail('after-restart'));
      expect((await stack.graphql('{ me { email } }', {}, user.token)).data).toEqual({
        me: { email: expect.stringContaining('after-restart') },
      });
    } finally {
      // Every pool has its connections back (platform/connection-loss.ts; a transaction's
      // connection ended under it used to keep its slot, and the close waited). A process still
      // bounds its shutdown at 10 s (platform/shutdown.ts), and so does the test.
      await Promise.race([stack.close(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    }
  });
});
