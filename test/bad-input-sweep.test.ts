import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { adminClient, createIsolatedDatabase, startTestStack, type TestStack } from './support/stack.ts';
import { waitFor } from './support/audit-helpers.ts';
import { OPERATIONS } from './support/permission-matrix/expectations.ts';
import {
  MATRIX_OPERATOR_EMAIL,
  buildWorld,
  withOperator,
  type World,
} from './support/permission-matrix/fixture.ts';
import {
  argumentPaths,
  documentOf,
  publicOperations,
  withValueAt,
  type ArgumentPath,
} from './support/permission-matrix/operations.ts';
import { LINE_LIMIT, TEXT_LIMIT } from '../subgraphs/runtime/argument-guard.ts';
import { auditArgumentRules } from '../subgraphs/audit/src/module.ts';
import { lifecycleArgumentRules } from '../subgraphs/lifecycle/src/module.ts';

// The bad-input sweep: every leaf argument of every public Query and Mutation field (inside input
// objects and lists too), generated from the supergraph, is sent through the gateway by A's
// admin with a hostile value in its place and valid values everywhere else. The answer must be a
// coded client error (BAD_USER_INPUT or NOT_FOUND for strings and ids), never
// INTERNAL_SERVER_ERROR, and no row of any table of any schema may change.

let stack: TestStack;
let db: pg.Client;
let world: World;
let checksumSql: string;

const id = '0b7d9c1e-3f4a-4b5c-8d6e-7f8091a2b3c4';
const notIds = new Set([...(auditArgumentRules.notIds ?? [])]);
const texts = new Set([...(lifecycleArgumentRules.text ?? []), ...(auditArgumentRules.text ?? [])]);

/** Control characters and malformed Unicode no string argument may hold. */
const hostileStrings: Record<string, string> = {
  nul: 'Acme\u0000Corp',
  'nul only': '\u0000',
  bell: 'ring\u0007',
  escape: '\u001b[2J\u001b[31mred',
  backspace: 'erase\u0008\u0008',
  delete: 'del\u007f',
  'c1 control': 'next\u0085line',
  'lone surrogate': 'half \ud800 a pair',
  'sql with nul': "x'); drop table tenancy.organizations; --\u0000",
};

/** What is not an id: injection attempts, numbers, ids with something attached. */
const hostileIds: Record<string, string> = {
  'sql injection': "' or 1=1--",
  'quoted union': "1' union select * from identity.users --",
  number: '1',
  empty: '',
  'id with nul': `${id}\u0000`,
  'id with quote': `${id}'`,
  'id with space': ` ${id}`,
  'id in braces': `{${id}}`,
  'hex without dashes': id.replaceAll('-', ''),
  'over-long': 'f'.repeat(LINE_LIMIT + 1),
};

/** The values sent for one leaf argument, by its type. */
function hostileValuesOf(argument: ArgumentPath): [string, unknown][] {
  const text = texts.has(argument.coordinate);
  const overLong = ['over-long', 'x'.repeat((text ? TEXT_LIMIT : LINE_LIMIT) + 1)] as [string, string];
  const line = text ? [] : ([['line break', 'two\nlines']] as [string, string][]);
  const strings = [...Object.entries(hostileStrings), overLong, ...line];
  switch (argument.type) {
    case 'ID':
      return notIds.has(argument.coordinate) ? strings : Object.entries(hostileIds);
    case 'String':
      return strings;
    case 'Int':
      return [
        // Every Int argument is a page size today.
        ['negative', -1],
        ['huge', 1_000_000],
        ['beyond 32 bits', 2 ** 31],
        ['fraction', 1.5],
        ['a string', '1; drop table x'],
      ];
    case 'Boolean':
      return [['a string', 'yes']];
    case 'DateTime':
      return [
        ['not a date', "2027-01-01' or 1=1--"],
        ['impossible date', '2027-13-45T25:61:00Z'],
        ['beyond JavaScript dates', '+275760-09-13T00:00:00.001Z'],
        ['with nul', '2027-01-01T00:00:00Z\u0000'],
      ];
    default:
      // An enum.
      return [
        ['unknown value', 'NOT_A_VALUE'],
        ['with nul', 'ADMIN\u0000'],
      ];
  }
}

/** Client errors the gateway may answer for a value that does not even coerce to its type. */
const COERCION_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']);
/** What a String or ID value is refused with (the words: BAD_USER_INPUT or NOT_FOUND). */
const REFUSAL_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND']);

/**
 * One digest per table of every schema, read as superuser (no row-level security hides a row). A
 * request leaves an audit trail of its own, which is not a change it made: the gateway's access
 * events (and the chain heads they move, and the gateway outbox they wait in), a session's
 * last_seen_at, an outbox row's delivery.
 */
async function buildChecksumSql(): Promise<string> {
  const { rows } = await db.query<{ schema: string; name: string }>(
    `select n.nspname as schema, c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p')
        and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
      order by 1, 2`,
  );
  const rowOf = (schema: string, name: string) => {
    if (name === 'audit_outbox') return `to_jsonb(t) - 'delivered_at' - 'locked_until'`;
    if (`${schema}.${name}` === 'identity.sessions') return `to_jsonb(t) - 'last_seen_at'`;
    if (schema.endsWith('_jobs')) return `jsonb_build_object('id', t.id, 'name', t.name, 'data', t.data)`;
    return 'to_jsonb(t)';
  };
  const whereOf = (schema: string, name: string) => {
    if (`${schema}.${name}` === 'audit.events') return `where action not like 'gateway.access.%'`;
    // A job queue's own cron and maintenance jobs are its machinery, not a request's doing: so are
    // the jobs of its schedules (audit's checkpoints every few minutes, the sweeps).
    if (isJobQueue(schema))
      return `where name not like '\\_\\_pgboss%' and name <> 'retention-sweep'
        and name not in (select s.name from "${schema}".schedule s)`;
    return '';
  };
  // pg-boss schemas: the jobs a request may enqueue count (what they are, not how far they ran);
  // the queue's bookkeeping tables move on their own.
  const isJobQueue = (schema: string) => schema.endsWith('_jobs');
  const parts = rows
    // The gateway's access outbox holds a request's access events until audit has them; the system
    // chain records the cluster's database administration (any process's DDL) on its own schedule.
    .filter((r) => !SELF_MOVING_TABLES.includes(`${r.schema}.${r.name}`))
    .filter((r) => !isJobQueue(r.schema) || r.name === 'job')
    .map(
      ({ schema, name }) =>
        `select '${schema}.${name}' as name, count(*)::int as rows,
                md5(coalesce(string_agg(md5((${rowOf(schema, name)})::text), '' order by md5((${rowOf(schema, name)})::text)), '')) as digest
           from "${schema}"."${name}" t ${whereOf(schema, name)}`,
    );
  return parts.join('\nunion all\n');
}

async function checksums(): Promise<Record<string, string>> {
  const { rows } = await db.query<{ name: string; rows: number; digest: string }>(checksumSql);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.rows}:${r.digest}`]));
}

/** Tables that change without any request: what a sweep's hostile values could not have done. */
const SELF_MOVING_TABLES = [
  'audit.chain_heads',
  'gateway.access_outbox',
  'audit.system_events',
  'audit.system_chain_head',
  'audit.role_snapshots',
  'steward_db_audit.captures',
];

const changedTables = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name]);

beforeAll(async () => {
  // A database of its own: no other test file's rows move while every table is compared.
  const databaseUrl = await createIsolatedDatabase();
  stack = await startTestStack({
    databaseUrl,
    identity: { operators: [MATRIX_OPERATOR_EMAIL] },
    // The world's incident is mailed at once, so that its deliveries are done before the sweep.
    audit: { incidentPollMs: 200 },
  });
  db = await adminClient(databaseUrl);
  world = await withOperator(stack, await buildWorld(stack, 'bad-input'));
  checksumSql = await buildChecksumSql();
  // The world's background work (the export job, outbox deliveries) ends before the sweep starts.
  let last = '';
  await waitFor(
    async () => {
      const now = JSON.stringify(await checksums());
      // A job due but not yet taken up (the export's) moves no row yet: wait for the queue too.
      const { rows } = await db.query<{ due: number }>(
        `select count(*)::int as due from lifecycle_jobs.job
          where state in ('created', 'retry', 'active') and start_after <= now() and name not like '\\_\\_pgboss%'`,
      );
      const settled = now === last && rows[0]!.due === 0;
      last = now;
      if (!settled) await new Promise((resolve) => setTimeout(resolve, 500));
      return settled || undefined;
    },
    'the database to settle',
    30_000,
  );
}, 180_000);
afterAll(async () => {
  await db?.end();
  await stack?.close();
});

const cases = publicOperations().flatMap((operation) =>
  argumentPaths(operation).map((argument) => [operation.name, argument.path, argument] as const),
);

describe('every argument of the public schema, sent hostile values by an admin', () => {
  it('covers every kind of argument (the sweep is generated from the schema)', () => {
    expect(cases.length).toBeGreaterThan(40);
    const types = new Set(cases.map(([, , argument]) => argument.type));
    for (const type of ['ID', 'String', 'Int', 'Boolean', 'DateTime']) expect(types).toContain(type);
  });

  it.each(cases)('%s(%s): a coded client error, and no row changed', async (name, path, argument) => {
    const row = OPERATIONS[name]!;
    const operation = publicOperations().find((o) => o.name === name)!;
    const base = row.crossTenant?.base?.[path]?.(world) ?? row.args(world);
    const refusal = ['ID', 'String'].includes(argument.type) ? REFUSAL_CODES : COERCION_CODES;
    // Operations for the operator's staff are sent by an operator (an admin is refused before any input matters).
    const caller = row.operator === 'ALLOWED' ? world.operator!.token : world.a.admin.token;
    const wrong: unknown[] = [];
    const before = await checksums();
    for (const [label, value] of hostileValuesOf(argument)) {
      const result = await stack.graphql(
        documentOf(operation, row.selection),
        withValueAt(base, path, value),
        caller,
      );
      const code = result.errors?.[0]?.extensions?.code;
      const changed = changedTables(before, await checksums());
      if (!refusal.has(String(code)) || result.data?.[name] || changed.length)
        wrong.push({ label, status: result.status, code, data: result.data ?? null, changed });
    }
    expect(wrong).toEqual([]);
  });

  it("guards a nested field's arguments too", async () => {
    const before = await checksums();
    for (const after of ['\u0000', "' or 1=1--\u0000", 'x'.repeat(LINE_LIMIT + 1)]) {
      const result = await stack.graphql(
        'query ($after: String) { me { id signInAttempts(first: 5, after: $after) { pageInfo { hasNextPage } } } }',
        { after },
        world.a.admin.token,
      );
      expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ['BAD_USER_INPUT', 'after'],
      ]);
    }
    expect(changedTables(before, await checksums())).toEqual([]);
  });
});
