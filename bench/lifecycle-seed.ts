/**
 * The lifecycle scenario's data: one organization's rows, written straight into the subgraphs'
 * tables as the database superuser (`insert … select generate_series`), in seconds rather than the
 * hours a million API calls would take. Ids are md5-derived UUIDs: as scattered over the primary
 * key indexes as the random UUIDs the subgraphs write.
 */
import type pg from 'pg';
import { localKeyEncryptionKey } from '../platform/crypto/key-encryption-key.ts';
import { isSealedContent } from '../platform/crypto/sealed-content.ts';
import { sealBackfill } from '../scripts/lib/seal-backfill.ts';

/** How many rows of each kind: most where an organization's volume is (projects and their members). */
export interface SeedShape {
  memberships: number;
  projects: number;
  projectMemberships: number;
  invitations: number;
  apiKeys: number;
}

export const total = (shape: SeedShape) =>
  shape.memberships + shape.projects + shape.projectMemberships + shape.invitations + shape.apiKeys;

/**
 * `rows` spread as an organization's data is: 2% members, 5% projects, 5% invitations (90%
 * accepted), a few API keys, the rest project memberships (about 18 per project). At least 1,000.
 */
export function shapeOf(rows: number): SeedShape {
  if (!Number.isInteger(rows) || rows < 1000) throw new Error(`lifecycle rows: at least 1000, not ${rows}`);
  const apiKeys = Math.min(10, Math.floor(rows / 1000));
  const memberships = Math.round(rows * 0.02);
  const projects = Math.round(rows * 0.05);
  const invitations = Math.round(rows * 0.05);
  const projectMemberships = rows - apiKeys - memberships - projects - invitations;
  // A project's members are distinct: no more project roles per project than members.
  if (Math.ceil(projectMemberships / projects) > memberships) throw new Error(`lifecycle rows: ${rows}`);
  return { memberships, projects, projectMemberships, invitations, apiKeys };
}

/**
 * The seeded tables, in an order safe for deleting one organization's rows (referencing rows
 * first), with the column that names the organization.
 */
export const SEEDED_TABLES = [
  { table: 'tenancy.project_memberships', column: 'organization_id' },
  { table: 'tenancy.invitations', column: 'organization_id' },
  { table: 'tenancy.projects', column: 'organization_id' },
  { table: 'tenancy.memberships', column: 'organization_id' },
  { table: 'identity.api_keys', column: 'organization_id' },
  { table: 'tenancy.organizations', column: 'id' },
] as const;

/** Tables an organization's export also reads, but deletion retains or the API alone writes. */
const OTHER_TABLES = [
  { table: 'audit.events', column: 'organization_id' },
  { table: 'lifecycle.data_exports', column: 'organization_id' },
] as const;

// $1: the organization's id; the other parameters are counts. Every id derives from $1 and a
// row number, so a project membership names its project and member without a lookup.
const INSERTS: { table: string; sql: string; params: (s: SeedShape) => number[] }[] = [
  {
    table: 'tenancy.memberships',
    params: (s) => [s.memberships],
    sql: `insert into tenancy.memberships (id, organization_id, user_id, role, created_at)
      select md5($1::text || ':m:' || i)::uuid, $1::uuid, md5($1::text || ':u:' || i)::uuid,
             'MEMBER', now() - make_interval(mins => i)
      from generate_series(0, $2::int - 1) i`,
  },
  {
    table: 'tenancy.projects',
    params: (s) => [s.projects],
    sql: `insert into tenancy.projects (id, organization_id, name, created_at)
      select md5($1::text || ':p:' || i)::uuid, $1::uuid, 'Project ' || i, now() - make_interval(mins => i)
      from generate_series(0, $2::int - 1) i`,
  },
  {
    // Row n: project n mod P, member (project + n div P) mod M: distinct members per project.
    table: 'tenancy.project_memberships',
    params: (s) => [s.projects, s.memberships, s.projectMemberships],
    sql: `insert into tenancy.project_memberships (id, organization_id, project_id, user_id, role)
      select md5($1::text || ':pm:' || n)::uuid, $1::uuid,
             md5($1::text || ':p:' || (n % $2::int))::uuid,
             md5($1::text || ':u:' || ((n % $2::int + n / $2::int) % $3::int))::uuid,
             case when n % 6 = 0 then 'EDITOR' else 'PARTICIPANT' end
      from generate_series(0, $4::int - 1) n`,
  },
  {
    // A quarter to a project; nine in ten accepted, the rest pending (distinct addresses).
    table: 'tenancy.invitations',
    params: (s) => [s.invitations, s.projects],
    sql: `insert into tenancy.invitations (id, organization_id, email, role, project_id, project_role,
             token_hash, invited_by, created_at, expires_at, accepted_at, accepted_by)
      select md5($1::text || ':i:' || i)::uuid, $1::uuid,
             'invitee' || i || '@' || left($1::text, 8) || '.example.test', 'MEMBER',
             case when i % 4 = 0 then md5($1::text || ':p:' || (i % $3::int))::uuid end,
             case when i % 4 = 0 then 'PARTICIPANT' end,
             encode(sha256(convert_to($1::text || ':t:' || i, 'UTF8')), 'hex'),
             md5($1::text || ':u:0')::uuid,
             now() - make_interval(hours => i % 10000),
             now() - make_interval(hours => i % 10000) + interval '7 days',
             case when i % 10 <> 0 then now() - make_interval(hours => i % 10000) + interval '1 day' end,
             case when i % 10 <> 0 then md5($1::text || ':a:' || i)::uuid end
      from generate_series(0, $2::int - 1) i`,
  },
  {
    table: 'identity.api_keys',
    params: (s) => [s.apiKeys],
    sql: `insert into identity.api_keys (id, organization_id, name, prefix, secret_hash, scopes, created_by)
      select md5($1::text || ':k:' || i)::uuid, $1::uuid, 'Partner key ' || i,
             substr(md5($1::text || ':kp:' || i), 1, 8),
             encode(sha256(convert_to($1::text || ':ks:' || i, 'UTF8')), 'hex'),
             array['projects:read', 'audit:read'], md5($1::text || ':u:0')::uuid
      from generate_series(0, $2::int - 1) i`,
  },
];

/** Seeds `shape` into an existing organization; answers the seconds it took. */
export async function seedOrganization(
  client: pg.Client,
  organizationId: string,
  shape: SeedShape,
): Promise<number> {
  const started = performance.now();
  for (const insert of INSERTS) {
    await client.query(insert.sql, [organizationId, ...insert.params(shape)]);
  }
  return (performance.now() - started) / 1000;
}

/**
 * Seals what the SQL seed wrote in clear (organization and project names, users' display names:
 * `@destroy(strategy: SHRED)`) as Steward stores them, under each subject's data key, through
 * `npm run seal-backfill`'s own code: the export then opens every project's name, as it does in a
 * deployment. `keyEncryptionKey` (base64) must be the subgraphs' STEWARD_KEY_ENCRYPTION_KEY.
 */
export async function sealSeeded(databaseUrl: string, dbSecret: string, keyEncryptionKey: string) {
  const started = performance.now();
  const sealed = await sealBackfill(databaseUrl, dbSecret, localKeyEncryptionKey(keyEncryptionKey));
  return { seconds: (performance.now() - started) / 1000, sealed };
}

/** The organization's SHRED names still stored in clear (0 once sealSeeded ran): what the export must open. */
export async function namesInClear(client: pg.Client, organizationId: string): Promise<number> {
  const { rows } = await client.query<{ name: string }>(
    `select name from tenancy.organizations where id = $1
     union all select name from tenancy.projects where organization_id = $1`,
    [organizationId],
  );
  return rows.filter((row) => !isSealedContent(row.name)).length;
}

/** An organization made in SQL alone (the raw deletion's), as createOrganization leaves one: with its admin. */
export async function insertOrganization(client: pg.Client, organizationId: string, name: string) {
  await client.query(`insert into tenancy.organizations (id, name, region) values ($1, $2, 'eu')`, [
    organizationId,
    name,
  ]);
  await client.query(
    `insert into tenancy.memberships (id, organization_id, user_id, role)
     values (gen_random_uuid(), $1, gen_random_uuid(), 'ADMIN')`,
    [organizationId],
  );
}

/** The organization's rows per table (the seeded ones, its audit events and exports). */
export async function countRows(client: pg.Client, organizationId: string): Promise<Record<string, number>> {
  const tables = [...SEEDED_TABLES, ...OTHER_TABLES];
  const { rows } = await client.query<Record<string, string>>(
    `select ${tables
      .map(({ table, column }) => `(select count(*) from ${table} where ${column} = $1) as "${table}"`)
      .join(', ')}`,
    [organizationId],
  );
  return Object.fromEntries(Object.entries(rows[0]!).map(([table, count]) => [table, Number(count)]));
}

/** Vacuums and analyzes the seeded tables: the planner knows their size, the visibility map is set. */
export async function vacuumSeeded(client: pg.Client): Promise<void> {
  for (const { table } of SEEDED_TABLES) await client.query(`vacuum (analyze) ${table}`);
}

/**
 * The raw baseline of deletion: one plain `delete … where organization_id = $1` per table, in
 * FK-safe order, each in its own (autocommit) transaction, as the database superuser. With
 * `vacuumAfterRows`, a table that lost at least that many rows is vacuumed before the next
 * table's delete, as Steward's deletion does (subgraphs/protocols/subject-data/destroy-route.ts).
 */
export async function rawDelete(client: pg.Client, organizationId: string, vacuumAfterRows = Infinity) {
  const tables: { table: string; rows: number; seconds: number }[] = [];
  const started = performance.now();
  const timed = async (table: string, sql: string, params: string[]) => {
    const t0 = performance.now();
    const result = await client.query(sql, params);
    tables.push({ table, rows: result.rowCount ?? 0, seconds: (performance.now() - t0) / 1000 });
    return result.rowCount ?? 0;
  };
  for (const { table, column } of SEEDED_TABLES) {
    const rows = await timed(table, `delete from ${table} where ${column} = $1`, [organizationId]);
    if (rows >= vacuumAfterRows) await timed(`vacuum ${table}`, `vacuum ${table}`, []);
  }
  return { seconds: (performance.now() - started) / 1000, tables };
}
