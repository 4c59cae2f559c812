import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** A certificate's subgraphs and types, as far as these checks read them. */
export interface CertifiedTypes {
  subgraphs: {
    name: string;
    types: {
      type: string;
      strategy: string;
      count: number;
      retained?: { reason: string; keptFor: string; expiresBy: string }[];
    }[];
  }[];
}

/**
 * The tables (`schema.table`) of the types a certificate says it kept as they are (RETAIN), each
 * with a stated reason and expiry: the only places a deleted subject's data may still be.
 */
export function tablesKeptBy(certificate: CertifiedTypes): string[] {
  return certificate.subgraphs.flatMap(({ name, types }) =>
    types
      .filter(
        (t) =>
          t.strategy === 'RETAIN' && t.retained?.length && t.retained.every((r) => r.reason && r.expiresBy),
      )
      .flatMap((t) => {
        const { subjectData } = subgraphStorage[name as keyof typeof subgraphStorage];
        const binding = subjectData.types[t.type];
        return binding ? [`${subjectData.schema}.${binding.entity.meta.tableName}`] : [];
      }),
  );
}

/** Every mail of a development mailbox folder, file by file, as text. */
export const dumpMailbox = (folder: string): string =>
  readdirSync(folder)
    .sort()
    .map((name) => `-- mail ${name}\n${readFileSync(join(folder, name), 'utf8')}`)
    .join('\n');

/** The tables (`schema.table`) of a dump in which `needle` occurs. */
export const tablesHolding = (dump: string, needle: string): string[] =>
  dump
    .split('\n-- ')
    .filter((part) => part.includes(needle))
    .map((part) => part.split('\n', 1)[0]!.replace(/^-- /, '').replaceAll('"', ''));
