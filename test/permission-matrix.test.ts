import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startTestStack, type TestStack } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';
import { ask, credentialOf, idsOf, type Caller } from './support/permission-matrix/ask.ts';
import { DENIED, OPERATIONS, ROLES, type Role } from './support/permission-matrix/expectations.ts';
import {
  MATRIX_OPERATOR_EMAIL,
  buildWorld,
  withOperator,
  type World,
} from './support/permission-matrix/fixture.ts';
import { publicOperations } from './support/permission-matrix/operations.ts';
import { PERMISSIONS_DOC, renderPermissions } from './support/permission-matrix/render.ts';
import { denialsBy, snapshot, type Outcome } from './support/permission-matrix/run.ts';

// The permission matrix: every public operation × every kind of caller, against the one table in
// test/support/permission-matrix/expectations.ts (rendered to docs/PERMISSIONS.md).

let stack: TestStack;
let db: pg.Pool;
beforeAll(async () => {
  stack = await startTestStack({ identity: { operators: [MATRIX_OPERATOR_EMAIL] } });
  // A pool: the mutation rows run concurrently, each comparing its own organizations' rows.
  db = new pg.Pool({ connectionString: testEnvironment().databaseUrl, max: 4 });
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const operations = publicOperations();
const queries = operations.filter((o) => o.kind === 'query').map((o) => o.name);
const mutations = operations.filter((o) => o.kind === 'mutation').map((o) => o.name);

describe('the expectations table', () => {
  it('has a row for every public operation of the supergraph, and no row for anything else', () => {
    const inSchema = operations.map((o) => o.name).sort();
    expect(inSchema.filter((name) => !OPERATIONS[name])).toEqual([]);
    expect(Object.keys(OPERATIONS).filter((name) => !inSchema.includes(name))).toEqual([]);
  });

  it('is what docs/PERMISSIONS.md shows', async () => {
    const rendered = await renderPermissions();
    if (process.env.UPDATE_PERMISSIONS) writeFileSync(PERMISSIONS_DOC, rendered);
    expect(existsSync(PERMISSIONS_DOC) ? readFileSync(PERMISSIONS_DOC, 'utf8') : '').toBe(rendered);
  });
});

// Every FORBIDDEN answer writes exactly one `<subgraph>.permission.denied` event (subgraphs/protocols/audit-outbox/
// denials.ts), except the rows that say why not (`denialNotAudited`, a TODO in the table).

/** Mutations run the denied callers first, so the rows they target are still there for the allowed. */
const MUTATION_ORDER: Role[] = [
  'anonymous',
  'keyWithout',
  'keyWith',
  'otherAdmin',
  'participant',
  'editor',
  'admin',
];

/** Runs a row; every denial is checked to change no row of A or B and to be audited once. */
async function runRow(w: World, name: string, roles: readonly Caller[]) {
  const observed = {} as Record<Caller, Outcome>;
  const users = [w.a.admin, w.a.member, w.a.participant, w.a.editor, w.b.admin, w.b.member].map(
    (u) => u.userId,
  );
  for (const role of roles) {
    const { actorId } = credentialOf(w, name, role);
    const before = [
      await snapshot(db, w.a.organizationId, users),
      await snapshot(db, w.b.organizationId, []),
    ];
    const denialsBefore = await denialsBy(db, actorId);
    const answer = await ask(stack, w, name, role);
    observed[role] = answer.outcome;
    // No answer ever carries the other tenant's ids.
    const joined = OPERATIONS[name]!.joins && answer.outcome === 'ALLOWED';
    const foreign = role === 'otherAdmin' ? (joined ? [] : idsOf(w.a)) : idsOf(w.b);
    for (const id of foreign)
      expect({ role, name, leaked: answer.body.includes(id) ? answer.body : false }).toMatchObject({
        leaked: false,
      });
    if (!DENIED.has(answer.outcome)) continue;
    const after = [await snapshot(db, w.a.organizationId, users), await snapshot(db, w.b.organizationId, [])];
    expect({ role, name, rows: after }).toEqual({ role, name, rows: before });
    if (answer.outcome === 'FORBIDDEN' && actorId && !OPERATIONS[name]!.denialNotAudited) {
      expect({ role, name, denials: (await denialsBy(db, actorId)) - denialsBefore }).toEqual({
        role,
        name,
        denials: 1,
      });
    }
  }
  return observed;
}

describe('queries', () => {
  let world: World;
  beforeAll(async () => {
    world = await withOperator(stack, await buildWorld(stack, 'matrix-q'));
  });

  it.each(queries)('%s answers each caller as the table says', async (name) => {
    const expected = OPERATIONS[name]?.expect;
    expect(expected).toBeDefined();
    expect(await runRow(world, name, ROLES)).toEqual(expected);
  });
});

describe('mutations', () => {
  it.concurrent.each(mutations)(
    '%s answers each caller as the table says, and a denial changes nothing',
    async (name) => {
      const expected = OPERATIONS[name]?.expect;
      expect(expected).toBeDefined();
      // A fresh world per mutation: what one caller did never decides another's answer.
      const world = await withOperator(stack, await buildWorld(stack, `matrix-${name.toLowerCase()}`));
      const observed = await runRow(world, name, MUTATION_ORDER);
      expect(Object.fromEntries(ROLES.map((r) => [r, observed[r]]))).toEqual(expected);
    },
  );
});

// The operator column: the operator operations, and tenants' reads an operator never gets.
const operatorRows = Object.entries(OPERATIONS)
  .filter(([, row]) => row.operator !== undefined)
  .map(([name]) => name);

describe('operators', () => {
  it.each(operatorRows)("%s answers one of the operator's staff as the table says", async (name) => {
    // A fresh world: an operator's mutation (closing the incident) decides nothing else.
    const world = await withOperator(stack, await buildWorld(stack, `matrix-op-${name.toLowerCase()}`));
    const observed = await runRow(world, name, ['operator']);
    expect({ name, operator: observed.operator }).toEqual({ name, operator: OPERATIONS[name]!.operator });
  });
});
