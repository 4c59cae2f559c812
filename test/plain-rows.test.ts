/**
 * Read-only list hops read plain rows (subgraphs/runtime/plain-rows.ts): the tenant filter and
 * row-level security apply as to entities, and nothing enters the identity map. On tenancy's
 * runtime role, in a query operation's reads.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { initOrm, RequestTransaction } from '../subgraphs/runtime/orm.ts';
import { tenancyEntities } from '../subgraphs/tenancy/src/module.ts';
import { Project } from '../subgraphs/tenancy/src/project/project.entity.ts';
import {
  projectsByIds,
  projectsOfOrganizations,
} from '../subgraphs/tenancy/src/project/project.repository.ts';
import { adminClient } from './support/stack.ts';
import { testEnvironment } from './support/test-env.ts';

let orm: MikroORM;
let db: pg.Client;
const mine = randomUUID();
const theirs = randomUUID();
const projectOf = { [mine]: randomUUID(), [theirs]: randomUUID() };

beforeAll(async () => {
  const env = testEnvironment();
  orm = await initOrm({
    subgraph: 'tenancy',
    clientUrl: urlForRole(env.databaseUrl, rolesOf('tenancy').runtime, env.dbSecret),
    entities: tenancyEntities,
    migrations: [],
    poolMax: 2,
  });
  db = await adminClient();
  for (const id of [mine, theirs]) {
    await db.query(`insert into tenancy.organizations (id, name, region) values ($1, $2, 'eu')`, [
      id,
      'Rows',
    ]);
    await db.query(`insert into tenancy.projects (id, organization_id, name) values ($1, $2, 'P')`, [
      projectOf[id],
      id,
    ]);
  }
});

afterAll(async () => {
  await db?.query(`delete from tenancy.projects where organization_id = any($1::uuid[])`, [[mine, theirs]]);
  await db?.query(`delete from tenancy.organizations where id = any($1::uuid[])`, [[mine, theirs]]);
  await db?.end();
  await orm?.close(true);
});

async function reading<T>(tenantIds: string[], read: (tx: RequestTransaction) => Promise<T>): Promise<T> {
  const tx = new RequestTransaction(orm, { tenantIds, userId: null });
  await tx.begin({ readsOnly: true });
  try {
    return await read(tx);
  } finally {
    await tx.end(true);
  }
}

describe('plain rows', () => {
  test('are the columns under their property names, dates as dates, and no entity', async () => {
    const [row] = await reading([mine], (tx) => projectsOfOrganizations(tx.em, [mine]));
    expect(row).toEqual({
      id: projectOf[mine],
      organizationId: mine,
      name: 'P',
      createdAt: expect.any(Date),
    });
    expect(row).not.toBeInstanceOf(Project);
  });

  test("another tenant's rows stay out, asked for by organization or by id", async () => {
    expect(await reading([mine], (tx) => projectsOfOrganizations(tx.em, [mine, theirs]))).toEqual([
      expect.objectContaining({ id: projectOf[mine] }),
    ]);
    expect(
      await reading([mine], (tx) => projectsByIds(tx.em, [projectOf[mine]!, projectOf[theirs]!])),
    ).toEqual([expect.objectContaining({ id: projectOf[mine] })]);
    expect(await reading([], (tx) => projectsByIds(tx.em, [projectOf[mine]!]))).toEqual([]);
  });

  test('by row-level security too, when the ORM filter is off', async () => {
    const rows = await reading([mine], async (tx) => {
      tx.em.setFilterParams('tenant', { ids: [mine, theirs], userId: '' });
      return projectsOfOrganizations(tx.em, [mine, theirs]);
    });
    expect(rows.map((row) => row.id)).toEqual([projectOf[mine]]);
  });

  test('leave the identity map empty: a flush sees nothing of them', async () => {
    const size = await reading([mine], async (tx) => {
      await projectsOfOrganizations(tx.em, [mine]);
      return tx.em.getUnitOfWork().getIdentityMap().values().length;
    });
    expect(size).toBe(0);
  });
});
