import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { QueryPlanner, type QueryPlan, type PlanNode } from '@apollo/query-planner';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { freePort, startEmbeddedPostgres } from '../scripts/lib/embedded-postgres.ts';
import { migrateAll } from '../scripts/lib/stack.ts';
import { readSupergraph, supergraphPath } from '../scripts/lib/subgraph-modules.ts';
import { GATEWAY_ROLE, SUBGRAPHS, urlForRole } from '../platform/database.ts';
import { generateStewardKeys } from '../platform/internal-token.ts';
import { hasTaskset, startChild, type Child } from './lib/child.ts';
import { postgresCpuMicros } from './lib/proc.ts';
import { graphql } from './lib/graphql.ts';
import { load, round, summarize, type LoadResult, type Summary } from './lib/load.ts';
import type { BenchSettings, Topology } from './settings.ts';

export interface StewardResults {
  /** The dashboard on the first of settings.e2eTopologies (`npm start`'s single process by default). */
  e2e?: {
    topology: Topology;
    users: number;
    requestsPerSecond: Summary;
    p50Ms: Summary;
    p99Ms: Summary;
    subgraphCallsPerRequest: Summary;
    sqlPerRequest: Summary;
    gatewayCpuMsPerRequest: Summary;
    /** CPU per request of the subgraphs' process and of PostgreSQL (postmaster and backends), from /proc. */
    subgraphsCpuMsPerRequest: Summary;
    postgresCpuMsPerRequest: Summary;
    non2xx: number;
    planFetches: number;
    sqlCountedBy: string;
  };
  /** The dashboard on every topology measured. */
  e2eByTopology?: Partial<Record<Topology, NonNullable<StewardResults['e2e']>>>;
  projectsList?: {
    largest: number;
    planFetches: number;
    rows: {
      projects: number;
      shield: boolean;
      requestsPerSecond: Summary;
      p50Ms: Summary;
      p99Ms: Summary;
      sqlPerRequest: Summary;
      subgraphCallsPerRequest: Summary;
      /** CPU per request under load, from /proc: the gateway, the subgraphs' process, PostgreSQL. */
      gatewayCpuMsPerRequest: Summary;
      subgraphsCpuMsPerRequest: Summary;
      postgresCpuMsPerRequest: Summary;
    }[];
    shieldP50Ratio: Summary;
  };
}

export const DASHBOARD_QUERY = /* GraphQL */ `
  query Dashboard {
    me {
      id
      email
      displayName
      memberships(first: 20) {
        role
        organization {
          id
          name
        }
      }
    }
    organizations(first: 10) {
      id
      name
      projects(first: 20) {
        id
        name
        members(first: 10) {
          role
          user {
            id
            email
            displayName
          }
        }
      }
    }
  }
`;

export const PROJECTS_QUERY = /* GraphQL */ `
  query ProjectsWithMembers($id: ID!) {
    organization(id: $id) {
      id
      projects {
        id
        name
        members {
          role
          user {
            id
            email
          }
        }
      }
    }
  }
`;

export const SQL_COUNTED_BY =
  "a wrapper around pg's Client#query in the subgraphs' and the gateway's processes: every statement " +
  'sent to PostgreSQL (transaction control and set_config included) while serving an HTTP request ' +
  '(an AsyncLocalStorage scope around every node:http request event; background job polling and the ' +
  'outbox relay are outside it), read before and after, divided by the requests. The exact figure ' +
  'comes from sequential requests; under load the in-flight requests at the edges blur it slightly';

/** Fetch nodes of the query plan @apollo/gateway builds for an operation on Steward's supergraph. */
export function planFetches(query: string): number {
  const supergraph = Supergraph.build(readSupergraph());
  const planner = new QueryPlanner(supergraph);
  const operation = operationFromDocument(supergraph.schema, parse(query));
  const plan: QueryPlan = planner.buildQueryPlan(operation);
  const count = (node: PlanNode | { kind: string } | undefined): number => {
    if (!node) return 0;
    const plan = node as PlanNode;
    switch (plan.kind) {
      case 'Fetch':
        return 1;
      case 'Flatten':
        return count(plan.node);
      case 'Sequence':
      case 'Parallel':
        return plan.nodes.reduce((sum, n) => sum + count(n), 0);
      default:
        return 0;
    }
  };
  return count(plan.node);
}

interface Stats {
  cpuMicros: number;
  sql: number;
  /** `sql:<subgraph>`: statements per subgraph; `backgroundSql`: outside any request. */
  [counter: string]: number;
}

/** From the gateway's /metrics: subgraph calls made and GraphQL requests served so far. */
async function gatewayCounters(gatewayUrl: string): Promise<{ calls: number; requests: number }> {
  const text = await (await fetch(gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
  const sum = (name: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .reduce((total, line) => total + Number(line.split(' ').at(-1)), 0);
  return {
    calls: sum('steward_subgraph_request_duration_seconds_count'),
    requests: sum('steward_graphql_requests_total'),
  };
}

/**
 * Production configuration: the rate limiter runs on every request (its statement in PostgreSQL,
 * the per-principal and per-IP buckets), with buckets too large for the benchmark's few users
 * (all on 127.0.0.1) to empty, so that its cost is measured and no request refused.
 */
export const BENCH_RATE_LIMIT = {
  principal: { capacity: 1e9, refillPerSecond: 1e9 },
  ip: { capacity: 1e9, refillPerSecond: 1e9 },
};

interface Running {
  /** PostgreSQL's data folder: its processes' CPU is read from /proc (bench/lib/proc.ts). */
  postgresDataDir: string;
  topology: Topology;
  /** The gateway's own process; null when it runs in the subgraphs' (single). */
  gateway: Child | null;
  subgraphs: Child[];
  url: string;
  mailbox: string;
  stop(): Promise<void>;
}

/** Every core: a child started by the harness would otherwise inherit its pinning to the load's core. */
const ALL_CPUS = `0-${cpus().length - 1}`;

/** Lets PostgreSQL (started by the harness, pinned like it) and the backends it forks use every core. */
export function unpinPostgres(dataDir: string): void {
  if (!hasTaskset) return;
  const pid = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
  spawnSync('taskset', ['-a', '-cp', ALL_CPUS, pid]);
}

async function startSteward(
  env: {
    databaseUrl: string;
    dbSecret: string;
    keys: ReturnType<typeof generateStewardKeys>;
    dataDir: string;
  },
  permissions: boolean,
  profileDir?: string,
  topology: Topology = 'split',
): Promise<Running> {
  const profile = (name: string) =>
    profileDir
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${profileDir}`,
          `--cpu-prof-name=${topology}-${name}-${permissions ? 'shield' : 'noshield'}.cpuprofile`,
        ]
      : [];
  const mailbox = mkdtempSync(join(tmpdir(), 'steward-bench-mail-'));
  const gatewayConfig = {
    databaseUrl: urlForRole(env.databaseUrl, GATEWAY_ROLE, env.dbSecret),
    privateKeyPem: env.keys.privateKeyPem,
    rateLimit: BENCH_RATE_LIMIT,
  };
  const startSubgraphs = (name: string, stack: Record<string, unknown>, gateway?: object) =>
    startChild(
      process.execPath,
      [...profile(name), join(import.meta.dirname, 'targets', 'steward-subgraphs.ts')],
      {
        cpus: ALL_CPUS,
        env: {
          ...process.env,
          // The subgraphs run as in the other topologies (NODE_ENV unset: built for development
          // sign-in, which seeds the users); the gateway is told it is production explicitly.
          ...(gateway ? { BENCH_GATEWAY: JSON.stringify(gateway) } : {}),
          STEWARD_MAILBOX_DIR: mailbox,
          BENCH_STACK: JSON.stringify({ ...env, permissions, ...stack }),
        },
        timeoutMs: 120_000,
      },
    );
  let subgraphs: Child[];
  if (topology === 'per-subgraph') {
    const ports = Object.fromEntries(
      await Promise.all(SUBGRAPHS.map(async (name) => [name, await freePort()])),
    );
    subgraphs = await Promise.all(SUBGRAPHS.map((name) => startSubgraphs(name, { only: [name], ports })));
  } else {
    subgraphs = [await startSubgraphs('subgraphs', {}, topology === 'single' ? gatewayConfig : undefined)];
  }
  const urls: Record<string, string> = Object.assign(
    {},
    ...subgraphs.map((child) => JSON.parse(child.ready) as Record<string, string>),
  );
  const gateway =
    topology === 'single'
      ? null
      : await startChild(
          process.execPath,
          [
            ...profile('gateway'),
            join(import.meta.dirname, 'targets', 'serve.ts'),
            'steward-real',
            supergraphPath.pathname,
          ],
          {
            cpus: ALL_CPUS,
            env: {
              ...process.env,
              NODE_ENV: 'production',
              BENCH_GATEWAY: JSON.stringify({ ...gatewayConfig, subgraphUrls: urls }),
            },
          },
        );
  return {
    postgresDataDir: env.dataDir,
    topology,
    gateway,
    subgraphs,
    url: gateway?.ready ?? urls.gateway!,
    mailbox,
    stop: async () => {
      await gateway?.stop();
      await Promise.all(subgraphs.map((child) => child.stop()));
      rmSync(mailbox, { recursive: true, force: true });
    },
  };
}

interface User {
  token: string;
  userId: string;
  email: string;
}

async function signIn(url: string, label: string): Promise<User> {
  const email = `${label}-${randomUUID().slice(0, 8)}@bench.steward.test`;
  const { devSignIn } = await graphql<{ devSignIn: { token: string; user: { id: string } } }>(
    url,
    `
      mutation SignIn($email: String!, $name: String) {
        devSignIn(email: $email, displayName: $name) {
          token
          user {
            id
          }
        }
      }
    `,
    { email, name: label },
  );
  return { token: devSignIn.token, userId: devSignIn.user.id, email };
}

const createOrganization = async (url: string, admin: User, name: string) =>
  (
    await graphql<{ createOrganization: { id: string } }>(
      url,
      `
        mutation ($name: String!) {
          createOrganization(name: $name) {
            id
          }
        }
      `,
      { name },
      admin.token,
    )
  ).createOrganization.id;

const createProject = async (url: string, admin: User, organizationId: string, name: string) =>
  (
    await graphql<{ createProject: { id: string } }>(
      url,
      `
        mutation ($organizationId: ID!, $name: String!) {
          createProject(organizationId: $organizationId, name: $name) {
            id
          }
        }
      `,
      { organizationId, name },
      admin.token,
    )
  ).createProject.id;

/** Invites `member` into the organization as MEMBER and accepts through the mailed token. */
async function joinOrganization(
  running: Running,
  admin: User,
  member: User,
  organizationId: string,
): Promise<void> {
  await graphql(
    running.url,
    `
      mutation ($organizationId: ID!, $email: String!) {
        inviteMember(organizationId: $organizationId, email: $email, role: MEMBER) {
          id
        }
      }
    `,
    { organizationId, email: member.email },
    admin.token,
  );
  const mail = readdirSync(running.mailbox)
    .sort()
    .map(
      (name) => JSON.parse(readFileSync(join(running.mailbox, name), 'utf8')) as { to: string; text: string },
    )
    .filter((m) => m.to === member.email)
    .at(-1);
  const token = mail?.text.match(/Invitation token: (\S+)/)?.[1];
  if (!token) throw new Error(`no invitation mailed to ${member.email}`);
  await graphql(
    running.url,
    `
      mutation ($token: String!) {
        acceptInvitation(token: $token) {
          role
        }
      }
    `,
    { token },
    member.token,
  );
}

const setProjectRole = (running: Running, admin: User, projectId: string, userId: string, role: string) =>
  graphql(
    running.url,
    `
      mutation ($projectId: ID!, $userId: ID!, $role: ProjectRole) {
        setProjectRole(projectId: $projectId, userId: $userId, role: $role) {
          role
        }
      }
    `,
    { projectId, userId, role },
    admin.token,
  );

/** Runs `task` over `items`, `width` at a time. */
async function pooled<T>(items: T[], width: number, task: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

interface Measured extends LoadResult {
  sqlPerRequest: number;
  subgraphCallsPerRequest: number;
  gatewayCpuMsPerRequest: number;
  subgraphsCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
}

const stats = async (child: Child) => JSON.parse(await child.ask('STATS', 'STATS')) as Stats;

/** Counters of every process of the topology: the gateway's, and the subgraphs' summed. */
async function statsOf(running: Running): Promise<{ gateway: Stats; subgraphs: Stats }> {
  const [gateway, ...subgraphs] = await Promise.all([
    running.gateway ? stats(running.gateway) : null,
    ...running.subgraphs.map(stats),
  ]);
  const summed: Stats = { cpuMicros: 0, sql: 0 };
  for (const one of subgraphs)
    for (const [key, value] of Object.entries(one)) summed[key] = (summed[key] ?? 0) + value;
  return { gateway: gateway ?? { cpuMicros: 0, sql: 0 }, subgraphs: summed };
}

/** One measured run, with the counters read around it. */
async function measure(
  running: Running,
  body: string,
  tokens: string[],
  settings: BenchSettings,
  durationSeconds: number,
  connections = settings.connections,
): Promise<Measured> {
  const [{ subgraphs: sub0, gateway: gw0 }, counters0] = await Promise.all([
    statsOf(running),
    gatewayCounters(running.url),
  ]);
  const postgres0 = postgresCpuMicros(running.postgresDataDir);
  const result = await load({
    url: running.url,
    body,
    connections,
    durationSeconds,
    authorization: (n) => `Bearer ${tokens[n % tokens.length]}`,
  });
  // Requests still in flight when autocannon stops run to the end: let them, then divide by the
  // gateway's own count of requests served, so every call and statement has its request.
  await settle(running.url, counters0.requests);
  const [{ subgraphs: sub1, gateway: gw1 }, counters1] = await Promise.all([
    statsOf(running),
    gatewayCounters(running.url),
  ]);
  const postgres1 = postgresCpuMicros(running.postgresDataDir);
  const requests = Math.max(counters1.requests - counters0.requests, 1);
  return {
    ...result,
    subgraphsCpuMsPerRequest: round((sub1.cpuMicros - sub0.cpuMicros) / 1000 / requests, 3),
    postgresCpuMsPerRequest: round((postgres1 - postgres0) / 1000 / requests, 3),
    sqlPerRequest: round((sub1.sql - sub0.sql + gw1.sql - gw0.sql) / requests, 2),
    subgraphCallsPerRequest: round((counters1.calls - counters0.calls) / requests, 2),
    gatewayCpuMsPerRequest: round((gw1.cpuMicros - gw0.cpuMicros) / 1000 / requests, 3),
  };
}

/** Waits until the gateway's request counter stops moving. */
async function settle(url: string, from: number) {
  let last = from - 1;
  for (let i = 0; i < 50; i++) {
    const { requests } = await gatewayCounters(url);
    if (requests === last) return;
    last = requests;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * Waits until no subgraph serves requests any more: seeding leaves audit events in the outboxes,
 * and their delivery (HTTP calls between subgraphs) must not run during a measurement.
 */
async function quiesce(running: Running, log: (line: string) => void, limitSeconds = 300) {
  const started = Date.now();
  let last = -1;
  while (Date.now() - started < limitSeconds * 1000) {
    const { sql } = (await statsOf(running)).subgraphs;
    if (sql === last) break;
    last = sql;
    await new Promise((resolve) => setTimeout(resolve, 6_000));
  }
  log(`quiet after ${((Date.now() - started) / 1000).toFixed(0)} s (outbox deliveries done)`);
}

/** One request at a time: exact counts per request, no in-flight requests at the edges. */
async function exactCounts(running: Running, body: string, token: string, requests: number) {
  const ask = async () => {
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const json = (await response.json()) as { errors?: unknown[] };
    if (json.errors) throw new Error(`query failed: ${JSON.stringify(json.errors).slice(0, 300)}`);
  };
  // One request first: the principal is then cached, as it is for every request but a session's first.
  await ask();
  const [{ subgraphs: sub0, gateway: gw0 }, counters0] = await Promise.all([
    statsOf(running),
    gatewayCounters(running.url),
  ]);
  for (let i = 0; i < requests; i++) await ask();
  const [{ subgraphs: sub1, gateway: gw1 }, counters1] = await Promise.all([
    statsOf(running),
    gatewayCounters(running.url),
  ]);
  const bySubgraph = Object.fromEntries(
    Object.keys(sub1)
      .filter((key) => key.startsWith('sql:'))
      .map((key) => [key.slice(4), round((sub1[key]! - (sub0[key] ?? 0)) / requests, 2)]),
  );
  const statementsByKind = Object.fromEntries(
    Object.keys(sub1)
      .filter((key) => key.startsWith('kind:'))
      .map((key) => [key.slice(5), round((sub1[key]! - (sub0[key] ?? 0)) / requests, 2)]),
  );
  return {
    sqlPerRequest: round((sub1.sql - sub0.sql + gw1.sql - gw0.sql) / requests, 2),
    sqlBySubgraph: { ...bySubgraph, gateway: round((gw1.sql - gw0.sql) / requests, 2) },
    statementsByKind,
    subgraphCallsPerRequest: (counters1.calls - counters0.calls) / requests,
  };
}

type E2eResults = NonNullable<StewardResults['e2e']>;

/** The dashboard under load on one topology: exact counts first, then the timed repetitions. */
async function measureDashboard(
  running: Running,
  dashboard: { body: string; tokens: string[] },
  users: number,
  settings: BenchSettings,
  out: { exact?: Record<string, unknown> },
  log: (line: string) => void,
): Promise<E2eResults> {
  const { body, tokens } = dashboard;
  const topology = running.topology;
  const fetches = planFetches(DASHBOARD_QUERY);
  await quiesce(running, log);
  const exact = await exactCounts(running, body, tokens[0]!, 20);
  out.exact![`dashboard-${topology}`] = { ...exact, planFetches: fetches };
  log(`steward-e2e ${topology}: plan fetches ${fetches}, exact per request: ${JSON.stringify(exact)}`);
  await measure(running, body, tokens, settings, settings.warmupSeconds);
  const runs: Measured[] = [];
  for (let rep = 1; rep <= settings.repetitions; rep++) {
    const run = await measure(running, body, tokens, settings, settings.durationSeconds);
    runs.push(run);
    log(
      `steward-e2e ${topology} rep ${rep}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, SQL/req ${run.sqlPerRequest}, calls/req ${run.subgraphCallsPerRequest}, CPU ms/req gateway ${run.gatewayCpuMsPerRequest} subgraphs ${run.subgraphsCpuMsPerRequest} PostgreSQL ${run.postgresCpuMsPerRequest}, non-2xx ${run.non2xx}`,
    );
  }
  return {
    topology,
    users,
    requestsPerSecond: summarize(runs.map((r) => r.requestsPerSecond)),
    p50Ms: summarize(runs.map((r) => r.p50Ms)),
    p99Ms: summarize(runs.map((r) => r.p99Ms)),
    subgraphCallsPerRequest: summarize(runs.map((r) => r.subgraphCallsPerRequest)),
    sqlPerRequest: summarize(runs.map((r) => r.sqlPerRequest)),
    gatewayCpuMsPerRequest: summarize(runs.map((r) => r.gatewayCpuMsPerRequest)),
    subgraphsCpuMsPerRequest: summarize(runs.map((r) => r.subgraphsCpuMsPerRequest)),
    postgresCpuMsPerRequest: summarize(runs.map((r) => r.postgresCpuMsPerRequest)),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    planFetches: fetches,
    sqlCountedBy: SQL_COUNTED_BY,
  };
}

export async function runSteward(
  settings: BenchSettings,
  which: { e2e: boolean; list: boolean },
  log: (line: string) => void,
  /** When set, the gateway and the subgraphs' process write V8 CPU profiles there. */
  profileDir?: string,
): Promise<StewardResults & { exact?: unknown }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-bench-pg-'));
  rmSync(dataDir, { recursive: true, force: true });
  const database = await startEmbeddedPostgres({ dataDir, database: 'steward_bench', persistent: false });
  unpinPostgres(dataDir);
  const env = {
    databaseUrl: database.url,
    dbSecret: 'steward-bench-secret-0123456789',
    keys: generateStewardKeys(SUBGRAPHS),
    dataDir,
  };
  const out: StewardResults & { exact?: Record<string, unknown> } = { exact: {} };
  try {
    await migrateAll({ databaseUrl: env.databaseUrl, dbSecret: env.dbSecret }, readSupergraph());
    log('steward: PostgreSQL migrated');
    const running = await startSteward(env, true, profileDir);
    const users = settings.repetitions === 1 ? 5 : 20;
    const listOrgs: { projects: number; organizationId: string; admin: User }[] = [];
    let dashboard: { body: string; tokens: string[] } | null = null;
    try {
      if (which.e2e) {
        // Each user: an organization with three projects, each with two colleagues (the next two
        // users, who join it as MEMBER and edit every project: a participant may not read members):
        // three organizations per dashboard.
        const people = await Promise.all(
          Array.from({ length: users }, (_, i) => signIn(running.url, `user${i}`)),
        );
        const orgs: { admin: User; colleagues: User[]; organizationId: string }[] = [];
        // Invitations one at a time: the accepted token is read from the invitee's newest mail.
        for (const [i, admin] of people.entries()) {
          const colleagues = [people[(i + 1) % users]!, people[(i + 2) % users]!];
          const organizationId = await createOrganization(running.url, admin, `Org of ${admin.email}`);
          for (const colleague of colleagues)
            await joinOrganization(running, admin, colleague, organizationId);
          orgs.push({ admin, colleagues, organizationId });
        }
        await pooled(orgs, 4, async ({ admin, colleagues, organizationId }) => {
          for (let p = 0; p < 3; p++) {
            const projectId = await createProject(running.url, admin, organizationId, `Project ${p}`);
            await setProjectRole(running, admin, projectId, colleagues[0]!.userId, 'EDITOR');
            await setProjectRole(running, admin, projectId, colleagues[1]!.userId, 'EDITOR');
          }
        });
        log(
          `steward-e2e: seeded ${users} users, ${users} organizations (3 members each), ${users * 3} projects`,
        );
        dashboard = {
          body: JSON.stringify({ query: DASHBOARD_QUERY, operationName: 'Dashboard' }),
          tokens: people.map((p) => p.token),
        };
      }
      if (which.list) {
        const largest = settings.repetitions === 1 ? 100 : 1000;
        const sizes = [10, largest];
        const members = await Promise.all([
          signIn(running.url, 'editor'),
          signIn(running.url, 'participant'),
        ]);
        for (const size of sizes) {
          const admin = await signIn(running.url, `admin${size}`);
          const organizationId = await createOrganization(running.url, admin, `List of ${size}`);
          for (const member of members) await joinOrganization(running, admin, member, organizationId);
          const indexes = Array.from({ length: size }, (_, i) => i);
          await pooled(indexes, 6, async (i) => {
            const projectId = await createProject(running.url, admin, organizationId, `Project ${i}`);
            await setProjectRole(running, admin, projectId, members[0]!.userId, 'EDITOR');
            await setProjectRole(running, admin, projectId, members[1]!.userId, 'PARTICIPANT');
          });
          listOrgs.push({ projects: size, organizationId, admin });
          log(`projects-list: seeded an organization with ${size} projects, 3 people each`);
        }
      }
    } finally {
      await running.stop();
    }
    if (dashboard) {
      const byTopology: Partial<Record<Topology, E2eResults>> = {};
      for (const topology of settings.e2eTopologies) {
        const server = await startSteward(env, true, profileDir, topology);
        try {
          byTopology[topology] = await measureDashboard(server, dashboard, users, settings, out, log);
        } finally {
          await server.stop();
        }
      }
      out.e2e = byTopology[settings.e2eTopologies[0]!];
      out.e2eByTopology = byTopology;
    }
    if (which.list) {
      const rows: NonNullable<StewardResults['projectsList']>['rows'] = [];
      const p50: Record<string, number[]> = { on: [], off: [] };
      const fetches = planFetches(PROJECTS_QUERY);
      // Both builds run side by side and are measured in turns, repetition by repetition, so
      // that the machine's drift during the run hits them alike (as the gateway engines are).
      const builds = [true, false] as const;
      const servers = new Map<boolean, Running>();
      try {
        for (const permissions of builds)
          servers.set(permissions, await startSteward(env, permissions, profileDir));
        for (const permissions of builds) await quiesce(servers.get(permissions)!, log);
        const measuredRuns = new Map<string, Measured[]>();
        const exactOf = new Map<string, Awaited<ReturnType<typeof exactCounts>>>();
        const keyOf = (projects: number, permissions: boolean) =>
          `list-${projects}-${permissions ? 'shield' : 'noshield'}`;
        for (const org of listOrgs) {
          const body = JSON.stringify({ query: PROJECTS_QUERY, variables: { id: org.organizationId } });
          for (const permissions of builds) {
            const server = servers.get(permissions)!;
            const exact = await exactCounts(server, body, org.admin.token, 5);
            exactOf.set(keyOf(org.projects, permissions), exact);
            out.exact![keyOf(org.projects, permissions)] = { ...exact, planFetches: fetches };
            log(`projects-list ${org.projects}: exact per request ${JSON.stringify(exact)}`);
            await measure(server, body, [org.admin.token], settings, settings.warmupSeconds, 10);
            measuredRuns.set(keyOf(org.projects, permissions), []);
          }
          for (let rep = 1; rep <= settings.repetitions; rep++) {
            for (const permissions of builds) {
              const server = servers.get(permissions)!;
              const run = await measure(
                server,
                body,
                [org.admin.token],
                settings,
                settings.durationSeconds,
                10,
              );
              measuredRuns.get(keyOf(org.projects, permissions))!.push(run);
              const exact = exactOf.get(keyOf(org.projects, permissions))!;
              log(
                `projects-list ${org.projects} ${permissions ? 'shield' : 'no shield'} rep ${rep}: ${run.requestsPerSecond.toFixed(1)} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, SQL/req ${run.sqlPerRequest} (exact ${exact.sqlPerRequest}), calls/req ${run.subgraphCallsPerRequest}, CPU ms/req gateway ${run.gatewayCpuMsPerRequest} subgraphs ${run.subgraphsCpuMsPerRequest} PostgreSQL ${run.postgresCpuMsPerRequest}`,
              );
            }
          }
        }
        for (const permissions of builds) {
          for (const org of listOrgs) {
            const runs = measuredRuns.get(keyOf(org.projects, permissions))!;
            const exact = exactOf.get(keyOf(org.projects, permissions))!;
            if (org.projects === listOrgs.at(-1)!.projects)
              p50[permissions ? 'on' : 'off'] = runs.map((r) => r.p50Ms);
            rows.push({
              projects: org.projects,
              shield: permissions,
              requestsPerSecond: summarize(runs.map((r) => r.requestsPerSecond)),
              p50Ms: summarize(runs.map((r) => r.p50Ms)),
              p99Ms: summarize(runs.map((r) => r.p99Ms)),
              sqlPerRequest: summarize([exact.sqlPerRequest]),
              subgraphCallsPerRequest: summarize([exact.subgraphCallsPerRequest]),
              gatewayCpuMsPerRequest: summarize(runs.map((r) => r.gatewayCpuMsPerRequest)),
              subgraphsCpuMsPerRequest: summarize(runs.map((r) => r.subgraphsCpuMsPerRequest)),
              postgresCpuMsPerRequest: summarize(runs.map((r) => r.postgresCpuMsPerRequest)),
            });
          }
        }
      } finally {
        for (const server of servers.values()) await server.stop();
      }
      out.projectsList = {
        largest: listOrgs.at(-1)!.projects,
        planFetches: fetches,
        rows,
        shieldP50Ratio: summarize(p50.on!.map((on, i) => on / p50.off![i]!)),
      };
    }
    return out;
  } finally {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
