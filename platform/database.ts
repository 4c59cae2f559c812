import { createHmac } from 'node:crypto';
import pg from 'pg';

export const SUBGRAPHS = ['identity', 'tenancy', 'audit', 'lifecycle'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export interface SubgraphRoles {
  /** Owns the subgraph's schema and tables; used for migrations only. */
  owner: string;
  /** What the running subgraph connects as: owns nothing, no superuser, no BYPASSRLS. */
  runtime: string;
}

/**
 * The subjects' key store (platform/crypto/subject-key-store.ts): a schema apart from every
 * subgraph's data, owned by a role of its own. The subgraphs' runtime roles get only what its
 * migrations grant them (read and create keys; the lifecycle subgraph alone destroys them).
 */
export const KEY_STORE_SCHEMA = 'subject_keys';
export const KEY_STORE_OWNER = 'steward_keys_owner';

/** The gateway's role: it may connect (to LISTEN for principal changes), and read or write nothing. */
export const GATEWAY_ROLE = 'steward_gateway';

export const rolesOf = (subgraph: SubgraphName): SubgraphRoles => ({
  owner: `steward_${subgraph}_owner`,
  runtime: `steward_${subgraph}_app`,
});

/** Role passwords are derived from one secret so that operators configure a single URL. */
export const rolePassword = (secret: string, role: string) =>
  createHmac('sha256', secret).update(role).digest('hex');

export function urlForRole(databaseUrl: string, role: string, secret: string): string {
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = rolePassword(secret, role);
  return url.toString();
}

/** Whether DATABASE_URL already connects as `role` (a deployment gives each service its own role's URL). */
export const isRoleUrl = (databaseUrl: string, role: string) => new URL(databaseUrl).username === role;

/**
 * The URL `role` connects with: DATABASE_URL itself when it names that role, so that a service
 * never holds the superuser's password nor the secret every role's password derives from;
 * otherwise derived from the superuser URL and the secret (development, tests, `npm start`).
 */
export const connectionUrlFor = (databaseUrl: string, role: string, secret: string): string =>
  isRoleUrl(databaseUrl, role) ? databaseUrl : urlForRole(databaseUrl, role, secret);

/**
 * Creates (or re-asserts) each subgraph's owner and runtime roles and its schema. Idempotent;
 * runs as the DATABASE_URL user, which must be a superuser or hold CREATEROLE.
 */
export async function provisionDatabase(databaseUrl: string, secret: string): Promise<void> {
  // Roles are the cluster's, not the database's: two databases provisioned at once (tests, two
  // migrate runs) race on the same role rows. Provisioning is idempotent: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await provisionOnce(databaseUrl, secret);
    } catch (error) {
      if (attempt >= 5 || !isRoleRace(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
}

/** "tuple concurrently updated" (ALTER ROLE at once), or the same role created at once. */
const isRoleRace = (error: unknown) =>
  error instanceof Error &&
  (/tuple concurrently updated/.test(error.message) || /pg_authid_rolname_index/.test(error.message));

async function provisionOnce(databaseUrl: string, secret: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ db: string }>('select current_database() as db');
    const database = client.escapeIdentifier(rows[0]!.db);
    await client.query('revoke create on schema public from public');
    await ensureRole(client, GATEWAY_ROLE, rolePassword(secret, GATEWAY_ROLE));
    await client.query(`grant connect on database ${database} to ${GATEWAY_ROLE}`);
    // The gateway's tables: its rate-limit buckets, shared by every gateway process…
    await client.query('create schema if not exists gateway');
    await client.query(`create table if not exists gateway.rate_buckets (
      key text primary key,
      tokens float8 not null,
      granted boolean not null,
      capacity float8 not null,
      rate float8 not null,
      updated_at timestamptz not null)`);
    // The access events of its requests, until the audit subgraph has them (gateway/src/access-outbox/);
    // delivered rows are deleted, refused ones end as dead letters (dead_at, last_error).
    await client.query(`create table if not exists gateway.access_outbox (
      id uuid primary key,
      occurred_at timestamptz not null,
      event jsonb not null,
      attempts int not null default 0,
      locked_until timestamptz null,
      last_error text null,
      dead_at timestamptz null)`);
    await client.query(
      'create index if not exists access_outbox_pending_idx on gateway.access_outbox (occurred_at, id) where dead_at is null',
    );
    await client.query(`grant usage on schema gateway to ${GATEWAY_ROLE}`);
    await client.query(
      `grant select, insert, update, delete on gateway.rate_buckets, gateway.access_outbox to ${GATEWAY_ROLE}`,
    );
    await ensureRole(client, KEY_STORE_OWNER, rolePassword(secret, KEY_STORE_OWNER));
    await client.query(`grant ${KEY_STORE_OWNER} to current_user`).catch(() => undefined);
    await client.query(`create schema if not exists ${KEY_STORE_SCHEMA} authorization ${KEY_STORE_OWNER}`);
    await client.query(`alter schema ${KEY_STORE_SCHEMA} owner to ${KEY_STORE_OWNER}`);
    await client.query(`grant connect on database ${database} to ${KEY_STORE_OWNER}`);
    await client.query(`revoke all on schema ${KEY_STORE_SCHEMA} from public`);
    for (const subgraph of SUBGRAPHS) {
      const { owner, runtime } = rolesOf(subgraph);
      for (const role of [owner, runtime]) await ensureRole(client, role, rolePassword(secret, role));
      await client.query(`grant ${owner} to current_user`).catch(() => undefined);
      await client.query(`create schema if not exists ${subgraph} authorization ${owner}`);
      await client.query(`alter schema ${subgraph} owner to ${owner}`);
      await client.query(`grant connect on database ${database} to ${owner}, ${runtime}`);
      await client.query(`revoke all on schema ${subgraph} from public`);
      await client.query(`grant usage on schema ${subgraph} to ${runtime}`);
      await client.query(
        `alter default privileges for role ${owner} in schema ${subgraph} grant select, insert, update, delete on tables to ${runtime}`,
      );
      await client.query(
        `alter default privileges for role ${owner} in schema ${subgraph} grant usage, select on sequences to ${runtime}`,
      );
    }
  } finally {
    await client.end();
  }
}

async function ensureRole(client: pg.Client, role: string, password: string): Promise<void> {
  const exists = await client.query('select 1 from pg_roles where rolname = $1', [role]);
  const verb = exists.rowCount ? 'alter' : 'create';
  // Role names come from a fixed list and the password is hex, so both are safe to inline.
  await client.query(
    `${verb} role ${role} login password '${password}' nosuperuser nobypassrls nocreatedb nocreaterole noinherit`,
  );
}
