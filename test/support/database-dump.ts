import type pg from 'pg';
import { buildDataMap } from '../../subgraphs/lifecycle/src/module.ts';
import { readSupergraph } from '../../scripts/lib/subgraph-modules.ts';
import { subgraphStorage } from '../../scripts/lib/subgraph-storage.ts';

/**
 * The tables of the types every field of which is `@retain`ed (audit events, deletion records):
 * what a deletion keeps on purpose, read off the composed data map and the declarations.
 */
export function retainedTables(): string[] {
  const retained = buildDataMap(readSupergraph())
    .filter((type) => type.fields.every((field) => field.destroy === null))
    .map((type) => type.name);
  return Object.values(subgraphStorage).flatMap(({ subjectData }) =>
    retained.flatMap((type) => {
      const binding = subjectData.types[type];
      return binding ? [`${subjectData.schema}.${binding.entity.meta.tableName}`] : [];
    }),
  );
}

/**
 * The data of every table of the database, as text, like the data section of `pg_dump` (read as
 * superuser, so no row-level security hides anything), but for the tables named in `exclude`.
 */
export async function dumpDatabase(db: pg.Client, exclude: string[] = []): Promise<string> {
  const { rows: tables } = await db.query<{ name: string }>(
    `select format('%I.%I', n.nspname, c.relname) as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'm')
        and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
      order by 1`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    if (exclude.includes(name.replaceAll('"', ''))) continue;
    const { rows } = await db.query<{ row: string }>(`select t::text as row from ${name} t`);
    parts.push(`-- ${name}`, ...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

/** How many times `needle` occurs in `text`. */
export const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

/** A dump without the tables of that name (in every schema). */
export const withoutTables = (dump: string, table: string) =>
  dump
    .split('\n-- ')
    .filter((part) => !part.split('\n', 1)[0]!.endsWith(`.${table}`))
    .join('\n-- ');
