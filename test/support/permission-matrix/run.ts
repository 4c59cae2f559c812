import type pg from 'pg';

/** A superuser client or pool (the matrix runs rows concurrently, so it uses a pool). */
export type Queryable = Pick<pg.Pool, 'query'>;
import type { GraphQLResult } from '../stack.ts';

// What an answer was, in the matrix's words, and what a tenant's rows look like around it.

/** ALLOWED: data came back; NULL / EMPTY: the field answered nothing; otherwise the error code. */
export type Outcome = 'ALLOWED' | 'NULL' | 'EMPTY' | string;

export function outcomeOf(result: GraphQLResult<Record<string, unknown>>, field: string): Outcome {
  const error = result.errors?.[0];
  if (error) return String(error.extensions?.code ?? `HTTP ${result.status}`);
  const value = result.data?.[field];
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value) && value.length === 0) return 'EMPTY';
  if (value === 0) return 'EMPTY';
  if (typeof value === 'object' && 'edges' in value && Array.isArray(value.edges) && !value.edges.length)
    return 'EMPTY';
  return 'ALLOWED';
}

export const DENIAL_ACTION_SUFFIX = '.permission.denied';

/** Events background jobs write when they end, whenever that is: not a request's doing. */
const BACKGROUND_ACTIONS = ['lifecycle.export.completed', 'lifecycle.export.failed'];

/**
 * The rows a denial must not change, for one organization and the users named: counts, plus a
 * digest of the states a mutation could flip (roles, revocations, contract end).
 */
export async function snapshot(db: Queryable, organizationId: string, userIds: string[]) {
  const outboxes = (
    await db.query<{ table_schema: string }>(
      `select table_schema from information_schema.tables where table_name = 'audit_outbox' order by 1`,
    )
  ).rows.map((r) => r.table_schema);
  const queries: Record<string, [string, unknown[]]> = {
    organization: [
      `select md5(coalesce(string_agg(o::text, ''), '')) as v from tenancy.organizations o where id = $1`,
      [organizationId],
    ],
    projects: [
      `select count(*)::text as v from tenancy.projects where organization_id = $1`,
      [organizationId],
    ],
    memberships: [
      `select coalesce(string_agg(user_id || ':' || role, ',' order by user_id), '') as v
         from tenancy.memberships where organization_id = $1`,
      [organizationId],
    ],
    projectMemberships: [
      `select coalesce(string_agg(user_id || ':' || role, ',' order by user_id, project_id), '') as v
         from tenancy.project_memberships where organization_id = $1`,
      [organizationId],
    ],
    invitations: [
      `select count(*) || ':' || count(accepted_at) as v from tenancy.invitations where organization_id = $1`,
      [organizationId],
    ],
    apiKeys: [
      `select count(*) || ':' || count(revoked_at) as v from identity.api_keys where organization_id = $1`,
      [organizationId],
    ],
    sessions: [
      `select count(*) || ':' || count(revoked_at) as v from identity.sessions where user_id = any($1::uuid[])`,
      [userIds],
    ],
    passkeys: [
      `select md5(coalesce(string_agg(id || ':' || name, ',' order by id), '')) as v
         from identity.passkeys where user_id = any($1::uuid[])`,
      [userIds],
    ],
  };
  for (const schema of outboxes) {
    queries[`${schema}.audit_outbox`] = [
      `select count(*)::text as v from ${schema}.audit_outbox
        where organization_id = $1 and event->>'action' not like $2 and event->>'action' <> all($3)`,
      [organizationId, `%${DENIAL_ACTION_SUFFIX}`, BACKGROUND_ACTIONS],
    ];
  }
  const state: Record<string, string> = {};
  for (const [name, [sql, params]] of Object.entries(queries))
    state[name] = (await db.query<{ v: string }>(sql, params)).rows[0]!.v;
  return state;
}

/** Denial events written for an actor (a user id or an API key id) in every subgraph's outbox. */
export async function denialsBy(db: Queryable, actorId: string | null): Promise<number> {
  if (!actorId) return 0;
  const outboxes = (
    await db.query<{ table_schema: string }>(
      `select table_schema from information_schema.tables where table_name = 'audit_outbox'`,
    )
  ).rows.map((r) => r.table_schema);
  let total = 0;
  for (const schema of outboxes) {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from ${schema}.audit_outbox
        where event->>'action' like $1 and event->'actor'->>'id' = $2`,
      [`%${DENIAL_ACTION_SUFFIX}`, actorId],
    );
    total += rows[0]!.n;
  }
  return total;
}
