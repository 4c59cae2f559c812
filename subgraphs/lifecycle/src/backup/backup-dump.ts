import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { frame } from './backup-frames.ts';
import { isKeyStoreTable } from './key-store-copy.ts';

/** What the dump's header states: enough to refuse a database it does not fit before loading. */
export interface DumpHeader {
  format: 'steward-backup/1';
  backupId: string;
  snapshotAt: string;
  serverVersion: string;
  tables: DumpTable[];
  sequences: { schema: string; name: string; value: string | null }[];
}

export interface DumpTable {
  schema: string;
  table: string;
  columns: string[];
}

export interface DumpTotals {
  snapshotAt: Date | null;
  tables: number;
  rows: number;
  rowsByTable: Record<string, number>;
}

/** Every ordinary table (partitions included, not their parents) outside PostgreSQL's own schemas. */
export const TABLES_SQL = `select n.nspname as schema, c.relname as table,
    array_agg(a.attname::text order by a.attnum) as columns
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
  where c.relkind = 'r' and n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
  group by n.nspname, c.relname order by n.nspname, c.relname`;

export const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const tableName = (t: { schema: string; table: string }) => `${quoted(t.schema)}.${quoted(t.table)}`;
export const columnList = (columns: string[]) => columns.map(quoted).join(', ');

const countLines = (chunk: Buffer) => {
  let lines = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
  return lines;
};

/**
 * The whole database as frames, read in one REPEATABLE READ transaction (one consistent snapshot,
 * like pg_dump's), each table through COPY's text format: readable by every PostgreSQL major
 * Steward supports, whichever wrote it. `totals` fills as it goes; the trailer closes it. The
 * wrapped data keys are not in it: they go to the backup's key-store copy (key-store-copy.ts).
 */
export async function* dumpFrames(
  client: pg.Client,
  backupId: string,
  totals: DumpTotals,
): AsyncGenerator<Buffer> {
  await client.query('begin isolation level repeatable read read only');
  try {
    const { rows: clock } = await client.query<{ now: Date; version: string }>(
      `select now() as now, current_setting('server_version') as version`,
    );
    const tables = (await client.query<DumpTable>(TABLES_SQL)).rows.filter((t) => !isKeyStoreTable(t));
    const { rows: sequences } = await client.query<DumpHeader['sequences'][number]>(
      `select schemaname as schema, sequencename as name, last_value::text as value from pg_sequences
       where schemaname <> 'information_schema' and schemaname !~ '^pg_' order by 1, 2`,
    );
    totals.snapshotAt = clock[0]!.now;
    const header: DumpHeader = {
      format: 'steward-backup/1',
      backupId,
      snapshotAt: clock[0]!.now.toISOString(),
      serverVersion: clock[0]!.version,
      tables,
      sequences,
    };
    yield frame('H', header);
    for (const table of tables) {
      yield frame('T', table);
      const copy = client.query(
        copyStreams.to(`copy ${tableName(table)} (${columnList(table.columns)}) to stdout`),
      );
      let rows = 0;
      for await (const chunk of copy) {
        rows += countLines(chunk as Buffer);
        yield frame('D', chunk as Buffer);
      }
      yield frame('E', { rows });
      totals.rowsByTable[`${table.schema}.${table.table}`] = rows;
      totals.tables += 1;
      totals.rows += rows;
    }
    yield frame('Z', { tables: totals.tables, rows: totals.rows });
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}
