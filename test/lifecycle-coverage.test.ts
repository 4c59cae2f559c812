import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { SUBGRAPHS } from '../platform/database.ts';
import type { SubgraphModule } from '../subgraphs/runtime/subgraph-module.ts';
import { readSupergraph, subgraphModules } from '../scripts/lib/subgraph-modules.ts';
import { subgraphStorage } from '../scripts/lib/subgraph-storage.ts';
import { adminClient } from './support/stack.ts';

// The database side of the coverage rule, on the migrated test database: every table of a subgraph's
// schema stores one of its @subject types or is declared in its subject-data.ts with a strategy, so a
// migration adding a table fails here until the table is declared. `npm run compose` checks the
// same of the entities alone; a table without an entity (code hashes, outbox, chain heads) only here.

/** MikroORM's record of applied migrations (subgraphs/runtime/orm.ts), in every schema: the runtime's, no one's data. */
const MIGRATIONS_TABLE = 'mikro_orm_migrations';

let db: pg.Client;
let modules: SubgraphModule[];
beforeAll(async () => {
  db = await adminClient();
  modules = subgraphModules({ production: false, supergraphSdl: readSupergraph() });
});
afterAll(() => db?.end());

/** Tables (plain, partitioned parents, materialized views) of a schema; partitions go with their parent. */
async function tablesOf(schema: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p', 'm') and not c.relispartition
      order by c.relname`,
    [schema],
  );
  return rows.map((row) => row.name).filter((name) => name !== MIGRATIONS_TABLE);
}

describe.each(SUBGRAPHS)('the %s schema', (subgraph) => {
  const { entities, subjectData } = subgraphStorage[subgraph];
  const bound = Object.values(subjectData.types).map((binding) => binding.entity.meta.tableName);
  const unexposed = subjectData.unexposed.map((entry) => entry.table);

  it('holds no table that is neither the storage of a @subject type nor declared unexposed', async () => {
    const declared = new Set([...bound, ...unexposed]);
    const undeclared = (await tablesOf(subjectData.schema)).filter((table) => !declared.has(table));
    // Declare each in subgraphs/<name>/src/subject-data.ts: its strategy, its subject column, why.
    expect(undeclared.map((table) => `${subjectData.schema}.${table}`)).toEqual([]);
  });

  it('has every table its declaration names', async () => {
    const tables = new Set(await tablesOf(subjectData.schema));
    const missing = [...bound, ...unexposed].filter((table) => !tables.has(table));
    expect(missing.map((table) => `${subjectData.schema}.${table}`)).toEqual([]);
  });

  it('is declared for the entities its module registers', () => {
    expect(subjectData.schema).toBe(subgraph);
    expect(modules.find((m) => m.name === subgraph)?.entities).toEqual(entities);
  });
});
