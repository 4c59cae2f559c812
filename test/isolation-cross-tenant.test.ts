import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, startTestStack, type TestStack } from './support/stack.ts';
import { ask, idsOf } from './support/permission-matrix/ask.ts';
import { OPERATIONS } from './support/permission-matrix/expectations.ts';
import { buildWorld, type World } from './support/permission-matrix/fixture.ts';
import { idArgumentPaths, publicOperations, withValueAt } from './support/permission-matrix/operations.ts';
import { snapshot } from './support/permission-matrix/run.ts';

// The cross-tenant sweep: every ID argument of every public operation (inside input objects too),
// replayed by the admin of organization A with organization B's id in its place. The answer is
// NOT_FOUND, or the operation's documented empty result (the `crossTenant` answers of the
// expectations table), and none of B's rows change.

let stack: TestStack;
let db: pg.Client;
let world: World;
beforeAll(async () => {
  stack = await startTestStack();
  db = await adminClient();
  world = await buildWorld(stack, 'sweep');
});
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

/** B's id for an argument, by what it names; `id` arguments say it in the table. */
function foreignId(name: string, path: string): string {
  const b = world.b;
  const named = OPERATIONS[name]?.crossTenant?.ids?.[path];
  if (named) return named(b);
  switch (path.split('.').at(-1)) {
    case 'organizationId':
      return b.organizationId;
    case 'projectId':
      return b.projectId;
    case 'userId':
      return b.member.userId;
    default:
      throw new Error(`${name}(${path}): say in the expectations table which of B's rows it names`);
  }
}

const cases = publicOperations().flatMap((operation) =>
  idArgumentPaths(operation).map((path) => [operation.name, path] as const),
);

describe("A's admin asking with B's ids", () => {
  it('covers some operations (the sweep is generated from the schema)', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases)('%s(%s): NOT_FOUND or the documented empty answer, and B unchanged', async (name, path) => {
    const row = OPERATIONS[name];
    expect(row).toBeDefined();
    const replaced = foreignId(name, path);
    const base = row!.crossTenant?.base?.[path]?.(world) ?? row!.args(world);
    const args = withValueAt(base, path, replaced);
    const users = [world.b.admin.userId, world.b.member.userId];
    const before = await snapshot(db, world.b.organizationId, users);
    const answer = await ask(
      stack,
      world,
      name,
      'admin',
      args,
      row!.crossTenant?.selection ?? row!.selection,
    );
    expect({ name, path, outcome: answer.outcome }).toEqual({
      name,
      path,
      outcome: row!.crossTenant?.answers?.[path] ?? 'NOT_FOUND',
    });
    expect(await snapshot(db, world.b.organizationId, users)).toEqual(before);
    // Nothing of B comes back, beyond the id that was sent.
    for (const id of idsOf(world.b).filter((id) => id !== replaced)) expect(answer.body).not.toContain(id);
  });
});
