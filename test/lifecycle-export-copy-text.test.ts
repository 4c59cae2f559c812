import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import copyStreams from 'pg-copy-streams';
import type pg from 'pg';
import { CopyJsonStream } from '../subgraphs/protocols/subject-data/copy-json-stream.ts';
import { recordShapeOf } from '../subgraphs/protocols/subject-data/record-shape.ts';
import { exportCopySql, type TypeExportPlan } from '../subgraphs/protocols/subject-data/subject-data.ts';
import { adminClient } from './support/stack.ts';

// The export writes each record's JSON from COPY's text; PostgreSQL's json_build_object, which
// built it before, is the reference: same keys, same values, same timestamp text, on awkward data.

const { to: copyTo } = copyStreams;
const schema = `copy_text_${randomUUID().slice(0, 8)}`;
const organizationId = randomUUID();
let db: pg.Client;

const plan: TypeExportPlan = {
  type: 'Sample',
  table: `"${schema}".samples`,
  keyColumn: 'id',
  tenantColumn: 'organization_id',
  userColumn: null,
  labels: {},
  sealed: null,
  fields: [
    { name: 'id', sql: 'id' },
    { name: 'body', sql: 'body' },
    { name: 'at', sql: 'at' },
    { name: 'localAt', sql: 'local_at' },
    { name: 'day', sql: 'day' },
    { name: 'count', sql: 'count' },
    { name: 'big', sql: 'big' },
    { name: 'ratio', sql: 'ratio' },
    { name: 'amount', sql: 'amount' },
    { name: 'ok', sql: 'ok' },
    { name: 'doc', sql: 'doc' },
    { name: 'raw', sql: 'raw' },
    { name: 'tags', sql: 'tags' },
    { name: 'mood', sql: 'mood' },
    { name: 'hasBody', sql: '(body is not null)' },
    {
      name: 'actor',
      fields: [
        { name: 'type', sql: 'mood' },
        { name: 'id', sql: 'id' },
        { name: 'at', sql: 'at' },
      ],
    },
  ],
};

const awkward = [
  'plain',
  'quote " backslash \\ \\N and N',
  'tab\t newline\n return\r \b \f \u000b',
  'control \u0001\u001f delete \u007f',
  'unicode é 漢字 🎉 \u2028\u2029 \u202e',
  '',
  '\\',
];

beforeAll(async () => {
  db = await adminClient();
  await db.query(`create schema "${schema}"`);
  await db.query(`create type "${schema}".mood as enum ('calm', 'odd "one"')`);
  await db.query(`create table "${schema}".samples (
    id uuid primary key, organization_id uuid not null, body text, at timestamptz, local_at timestamp,
    day date, count int, big bigint, ratio double precision, amount numeric, ok boolean, doc jsonb,
    raw json, tags text[], mood "${schema}".mood)`);
  const rows: unknown[][] = [
    ...awkward.map((body, index) => [
      body,
      new Date(Date.UTC(2026, 10, 21, 5, 20, 47, index * 7)).toISOString(),
      '2026-11-21 05:20:47.5',
      '2026-11-21',
      index,
      String(2 ** 53 + index),
      index / 3,
      '1.50',
      index % 2 === 0,
      JSON.stringify({ body, nested: [1, null, { deep: body }] }),
      `{\n  "pretty": ${JSON.stringify(body)}\n}`,
      [body, 'b,c', null],
      index % 2 ? 'calm' : 'odd "one"',
    ]),
    [null, null, null, null, null, null, null, null, null, null, null, null, null],
    [
      'edges',
      '1900-01-01 00:00:00+00',
      'infinity',
      '0044-03-15 BC',
      -1,
      '-9223372036854775808',
      'NaN',
      'NaN',
      false,
      '"string"',
      '[]',
      [],
      'calm',
    ],
    [
      'inf',
      '-infinity',
      '-infinity',
      '5874897-12-31',
      0,
      '0',
      '-Infinity',
      '1e-20',
      true,
      '1e400',
      '0',
      null,
      null,
    ],
  ];
  for (const row of rows) {
    await db.query(
      `insert into "${schema}".samples (id, organization_id, body, at, local_at, day, count, big, ratio,
        amount, ok, doc, raw, tags, mood) values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9,
        $10, $11, $12, $13, $14)`,
      [organizationId, ...row],
    );
  }
});

afterAll(async () => {
  await db?.query(`drop schema if exists "${schema}" cascade`);
  await db?.end();
});

async function copyOut(sql: string): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of db.query(copyTo(sql)) as AsyncIterable<Buffer>) chunks.push(chunk);
  return chunks;
}

/**
 * What the export wrote before: one json_build_object per row, built by PostgreSQL (whose `json`
 * values keep their line breaks: spaces here, as the export writes them).
 */
async function referenceLines(): Promise<string[]> {
  const pairs = plan.fields.flatMap((field) => [
    `'${field.name}'`,
    'fields' in field
      ? `json_build_object(${field.fields.flatMap((f) => [`'${f.name}'`, f.sql]).join(', ')})`
      : field.sql,
  ]);
  const text = Buffer.concat(
    await copyOut(`copy (select regexp_replace(json_build_object(${pairs.join(', ')})::text, '[\n\r]', ' ', 'g') from ${plan.table}
      where organization_id = '${organizationId}' order by id) to stdout (format csv, delimiter e'\\x01', quote e'\\x02')`),
  ).toString('utf8');
  return text.trimEnd().split('\n');
}

async function exportedLines(): Promise<string[]> {
  const shape = await recordShapeOf(db, plan);
  const sql = exportCopySql(plan, 'organization_id', organizationId, shape.select).replace(
    ') to stdout',
    ' order by id) to stdout',
  );
  return (await readAll(db.query(new CopyJsonStream(sql, shape.fields)))).trimEnd().split('\n');
}

async function readAll(stream: AsyncIterable<unknown>, pause = false): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    if (pause) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a record keeping each number's text (`1.50`, 2⁵³ + 1), so they compare exactly too. */
const parseExactly = (line: string): unknown =>
  JSON.parse(line, ((_key: string, value: unknown, context: { source?: string }) =>
    typeof value === 'number' ? { number: context.source } : value) as Parameters<typeof JSON.parse>[1]);

describe('export records from COPY text', () => {
  it.each(['UTC', 'Asia/Kolkata', 'America/Los_Angeles', 'Europe/Amsterdam'])(
    'equal json_build_object, value for value, with the session in %s',
    async (zone) => {
      await db.query('begin');
      try {
        await db.query(`select set_config('TimeZone', $1, true), set_config('DateStyle', 'ISO, YMD', true)`, [
          zone,
        ]);
        const reference = await referenceLines();
        const exported = await exportedLines();
        expect(exported).toHaveLength(awkward.length + 3);
        expect(exported.map(parseExactly)).toEqual(reference.map(parseExactly));
      } finally {
        await db.query('rollback');
      }
    },
  );

  it('selects enums, arrays and other types without a conversion through to_json', async () => {
    const shape = await recordShapeOf(db, plan);
    expect(shape.select).toContain('to_json(tags)');
    expect(shape.select).toContain('to_json(mood)');
    expect(shape.select).toContain('body');
    expect(shape.fields[2]).toEqual({ name: 'at', kind: 'timestamp' });
  });

  it('streams large COPYs whole, rows cut across socket reads, at a slow reader’s pace', async () => {
    const fields = [
      { name: 'n', kind: 'number' as const },
      { name: 'text', kind: 'string' as const },
    ];
    const sql = `copy (select n, repeat(chr(233) || '"\\' || chr(9), n % 300) from generate_series(1, 20000) n) to stdout`;
    const copy = db.query(new CopyJsonStream(sql, fields));
    const lines = (await readAll(copy, true)).trimEnd().split('\n');
    expect(copy.rows).toBe(20000);
    expect(lines).toHaveLength(20000);
    expect(JSON.parse(lines[299]!)).toEqual({ n: 300, text: '' });
    expect(JSON.parse(lines[300]!)).toEqual({ n: 301, text: 'é"\\\t' });
    expect(JSON.parse(lines[19998]!)).toEqual({ n: 19999, text: 'é"\\\t'.repeat(19999 % 300) });
    // pg has its connection back.
    expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('fails with PostgreSQL’s error when the COPY fails midway, and pg goes on', async () => {
    const sql = 'copy (select 1 / (n - 5000) from generate_series(1, 10000) n) to stdout';
    await expect(readAll(db.query(new CopyJsonStream(sql, [{ name: 'n', kind: 'number' }])))).rejects.toThrow(
      'division by zero',
    );
    expect((await db.query('select 2 as two')).rows).toEqual([{ two: 2 }]);
  });

  it('fails, without taking the process down, on rows its converter does not expect', async () => {
    const other = await adminClient();
    other.on('error', () => {});
    try {
      const sql = 'copy (select n, n from generate_series(1, 100000) n) to stdout';
      await expect(
        readAll(other.query(new CopyJsonStream(sql, [{ name: 'n', kind: 'number' }]))),
      ).rejects.toThrow('expected 1 columns');
    } finally {
      await other.end().catch(() => {});
    }
  });
});
