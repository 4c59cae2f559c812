import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { SUBGRAPHS } from '../platform/database.ts';
import { adminClient } from './support/stack.ts';
import { TABLE_DISTRIBUTION } from './support/table-distribution.ts';

// Citus (distributed PostgreSQL, docs/SCALING.md) distributes a table by one column and requires
// every primary key and unique constraint of a distributed table to include it. Steward's tenant
// tables are distributed by organization_id; this test reads the migrated catalog and fails when a
// table with that column has a key without it, or when a table without it is not listed in
// test/support/table-distribution.ts with what it becomes (reference, local, or distributed by
// another column) and why.

let db: pg.Client;
beforeAll(async () => {
  db = await adminClient();
});
afterAll(() => db?.end());

interface TableRow {
  name: string;
  has_organization_id: boolean;
  organization_id_not_null: boolean;
}

interface UniqueRow {
  table_name: string;
  index_name: string;
  columns: string[] | null;
  expression: boolean;
}

const schemas = [...SUBGRAPHS];

async function tables(): Promise<TableRow[]> {
  const { rows } = await db.query<TableRow>(
    `select n.nspname || '.' || c.relname as name,
            exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organization_id'
                      and not a.attisdropped) as has_organization_id,
            coalesce((select a.attnotnull from pg_attribute a where a.attrelid = c.oid
                        and a.attname = 'organization_id' and not a.attisdropped), false) as organization_id_not_null
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname = any($1::text[]) and not c.relispartition
      order by 1`,
    [schemas],
  );
  return rows;
}

/** Every unique index (primary keys and unique constraints are ones), with its plain columns. */
async function uniqueIndexes(): Promise<UniqueRow[]> {
  const { rows } = await db.query<UniqueRow>(
    `select n.nspname || '.' || c.relname as table_name, i.relname as index_name,
            array(select a.attname::text from unnest(x.indkey) k join pg_attribute a
                    on a.attrelid = c.oid and a.attnum = k where k > 0) as columns,
            (0 = any(x.indkey::int2[])) as expression
       from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
       join pg_namespace n on n.oid = c.relnamespace
      where x.indisunique and n.nspname = any($1::text[]) and c.relkind in ('r', 'p')
      order by 1, 2`,
    [schemas],
  );
  return rows;
}

describe('tables as Citus would distribute them', () => {
  it('every tenant table keys its rows by organization_id in each primary key and unique index', async () => {
    const all = await tables();
    const byName = new Map(all.map((t) => [t.name, t]));
    const column = (table: string) =>
      TABLE_DISTRIBUTION[table]?.kind === 'distributed'
        ? TABLE_DISTRIBUTION[table].column
        : TABLE_DISTRIBUTION[table]
          ? null
          : 'organization_id';
    const offending = (await uniqueIndexes()).flatMap((index) => {
      const by = column(index.table_name);
      const unlistedWithout = by === 'organization_id' && !byName.get(index.table_name)?.has_organization_id;
      if (!by || unlistedWithout) return [];
      return index.expression || !index.columns?.includes(by)
        ? [`${index.table_name}: ${index.index_name} (${index.columns?.join(', ')}) lacks ${by}`]
        : [];
    });
    expect(offending).toEqual([]);
    // The distribution column must be set on every row.
    const nullable = all
      .filter((t) => !TABLE_DISTRIBUTION[t.name] && t.has_organization_id && !t.organization_id_not_null)
      .map((t) => t.name);
    expect(nullable).toEqual([]);
  });

  it('every other table is listed with what it becomes and why, and the list names only tables that exist', async () => {
    const all = await tables();
    const unlisted = all
      .filter((t) => !t.has_organization_id && !TABLE_DISTRIBUTION[t.name])
      .map((t) => t.name);
    expect(unlisted).toEqual([]);
    const names = new Set(all.map((t) => t.name));
    expect(Object.keys(TABLE_DISTRIBUTION).filter((name) => !names.has(name))).toEqual([]);
    for (const [name, placement] of Object.entries(TABLE_DISTRIBUTION)) {
      expect([name, placement.reason.length > 20]).toEqual([name, true]);
    }
  });
});
