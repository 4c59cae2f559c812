/**
 * The dashboard query's cost in SQL, counted at the driver (bench/lib/sql-counter.ts): at most
 * DASHBOARD_SQL_BUDGET statements per request, every process's counted (the gateway's, each
 * subgraph's, and each read's tenant settings, which share a round trip with it), hence at most as
 * many round trips to PostgreSQL (pg Client#query calls) and queries; no transaction; and the same
 * statements for one organization with one project as for five organizations with four projects
 * and their members each. Counts are deterministic: a change that adds a query per organization
 * or per project, a transaction to a read, or a statement to the request, fails here.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { countSqlStatements, kindOf, STATEMENT_KINDS } from '../bench/lib/sql-counter.ts';
import { BENCH_RATE_LIMIT, DASHBOARD_QUERY } from '../bench/steward.ts';
import { adminClient, startTestStack, type GraphQLResult, type TestStack } from './support/stack.ts';
import { addMembership, CREATE_ORGANIZATION, signIn, type SignedIn } from './support/tenancy-fixtures.ts';

export const DASHBOARD_SQL_BUDGET = 12;

const sql = countSqlStatements({ record: true });
let stack: TestStack;
let db: pg.Client;

beforeAll(async () => {
  // The gateway's default limits, as deployed: the dashboard pages its lists, so its cost passes.
  // The rate limiter on, as deployed (its statement on every request), with the benchmark's buckets.
  stack = await startTestStack({ rateLimit: BENCH_RATE_LIMIT });
  db = await adminClient();
}, 60_000);

afterAll(async () => {
  await db?.end();
  await stack?.close();
  sql.restore();
});

/** `viewer` admin of `organizations` organizations of `projects` projects, each with two colleagues as editors. */
async function seed(viewer: SignedIn, organizations: number, projects: number) {
  const colleagues = [await signIn(stack, 'colleague'), await signIn(stack, 'colleague')];
  for (let o = 0; o < organizations; o++) {
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      CREATE_ORGANIZATION,
      { name: `Budget ${o}` },
      viewer.token,
    );
    expect(created.errors).toBeUndefined();
    const organizationId = created.data!.createOrganization.id;
    for (const colleague of colleagues) await addMembership(db, organizationId, colleague.userId);
    for (let p = 0; p < projects; p++) {
      const projectId = randomUUID();
      await db.query(`insert into tenancy.projects (id, organization_id, name) values ($1, $2, $3)`, [
        projectId,
        organizationId,
        `Project ${p}`,
      ]);
      for (const colleague of colleagues)
        await db.query(
          `insert into tenancy.project_memberships (id, organization_id, project_id, user_id, role)
             values (gen_random_uuid(), $1, $2, $3, 'EDITOR')`,
          [organizationId, projectId, colleague.userId],
        );
    }
  }
}

const portOf = (url: string) => Number(new URL(url).port);

/** The dashboard as `viewer` sees it: every organization, project and member seeded. Returns its request id. */
async function requestDashboard(viewer: SignedIn, organizations: number, projects: number) {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer.token}` },
    body: JSON.stringify({ query: DASHBOARD_QUERY, variables: {} }),
  });
  const answer = (await response.json()) as GraphQLResult<{
    organizations: { projects: { members: unknown[] }[] }[];
  }>;
  expect(answer.errors).toBeUndefined();
  // What tenancy vouched for to identity (platform/member-attestation.ts) stays between them.
  expect(JSON.stringify(answer.extensions ?? {})).not.toContain('stewardAttestations');
  expect(answer.data!.organizations).toHaveLength(organizations);
  for (const organization of answer.data!.organizations) {
    expect(organization.projects).toHaveLength(projects);
    for (const project of organization.projects) expect(project.members).toHaveLength(2);
  }
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  return requestId!;
}

type Statement = NonNullable<typeof sql.log>[number];
const textOf = (s: Statement) => s.text.replace(/\s+/g, ' ').slice(0, 160);

/** One dashboard request's statements, by process (gateway, each subgraph) and kind. */
async function costOfDashboard(viewer: SignedIn, organizations: number, projects: number) {
  // The first request of a session reads its principal; every later one finds it cached.
  await requestDashboard(viewer, organizations, projects);
  const gatewayPort = portOf(stack.url);
  const ports = {
    gateway: gatewayPort,
    ...Object.fromEntries(Object.values(stack.subgraphs).map((s) => [s.name, portOf(s.url)])),
  };
  // The seed's changes reach the gateway's principal cache asynchronously (LISTEN): one arriving
  // after the warm-up drops the cached principal, and the next request resolves it again. The
  // dashboard's own cost is that of a request with its principal cached: the cheapest of three.
  // A subgraph's statement is the dashboard's when it served the gateway's request for it (same
  // request id): not another request's timer or delivery that happened to run meanwhile.
  let cheapest: { statements: Statement[]; others: Statement[] } | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const logged0 = sql.log!.length;
    const requestId = await requestDashboard(viewer, organizations, projects);
    const window = sql.log!.slice(logged0);
    const mine = (s: Statement) => s.port === gatewayPort || s.requestId === requestId;
    const measured = { statements: window.filter(mine), others: window.filter((s) => !mine(s)) };
    if (!cheapest || measured.statements.length < cheapest.statements.length) cheapest = measured;
  }
  const { statements, others } = cheapest!;
  const byProcess = Object.fromEntries(
    Object.entries(ports).map(([name, port]) => [
      name,
      statements.filter((s) => s.port === port).map(textOf),
    ]),
  );
  // What ran in the same window for other requests (shown on failure, never counted).
  const meanwhile = others.map((s) => `${s.port} ${s.requestId ?? '-'} ${textOf(s)}`);
  return { roundTrips: new Set(statements.map((s) => s.roundTrip)).size, statements, byProcess, meanwhile };
}

/** Subgraph statements by kind, per size: the same whatever the number of organizations and projects. */
const subgraphKinds = new Map<string, Record<string, number>>();

describe('the dashboard query costs at most 12 SQL statements, whatever its size', () => {
  test.each([
    [1, 1],
    [3, 3],
    [5, 4],
  ])('%i organizations of %i projects each', async (organizations, projects) => {
    const viewer = await signIn(stack, 'viewer');
    await seed(viewer, organizations, projects);
    const cost = await costOfDashboard(viewer, organizations, projects);
    const gatewayPort = portOf(stack.url);
    const fromSubgraphs = cost.statements.filter((s) => s.port !== gatewayPort);
    const kinds = Object.fromEntries(
      STATEMENT_KINDS.map((kind) => [kind, fromSubgraphs.filter((s) => kindOf(s.text) === kind).length]),
    );
    subgraphKinds.set(`${organizations}×${projects}`, kinds);
    // What each process sent, for whoever reads a failure.
    process.stdout.write(
      `dashboard ${organizations}×${projects}: ${cost.roundTrips} round trips, ${cost.statements.length} statements; subgraphs ${JSON.stringify(kinds)}\n${JSON.stringify(cost.byProcess, null, 1)}\n`,
    );
    // Every statement of the request: the subgraphs' reads, each with its tenant settings where
    // it reads a protected table, and the gateway's (the access log's batched write, when its
    // flush falls in this request). Over budget: the failure names every statement.
    if (cost.statements.length > DASHBOARD_SQL_BUDGET || kinds.transaction > 0)
      throw new Error(
        `over budget or in a transaction: ${JSON.stringify({ kinds, ...cost.byProcess, meanwhile: cost.meanwhile }, null, 1)}`,
      );
    expect(cost.statements.length).toBeLessThanOrEqual(DASHBOARD_SQL_BUDGET);
    expect(cost.roundTrips).toBeLessThanOrEqual(DASHBOARD_SQL_BUDGET);
    expect(kinds.queries).toBeLessThanOrEqual(DASHBOARD_SQL_BUDGET);
    // A query operation opens no transaction: its reads carry their settings (scoped-reads.ts).
    expect(kinds.transaction).toBe(0);
    // Row-level security's settings go with every read of a protected table (all tenancy's), and
    // with none of identity's users.
    const identity = portOf(stack.subgraphs.identity!.url);
    expect(fromSubgraphs.filter((s) => s.port === identity && kindOf(s.text) === 'settings')).toEqual([]);
    expect(kinds.settings).toBeLessThan(kinds.queries);
  });

  test('the same statements for one organization of one project as for five of four', () => {
    expect(subgraphKinds.size).toBe(3);
    const [first, ...others] = [...subgraphKinds.values()];
    for (const other of others) expect(other).toEqual(first);
  });
});
