/**
 * What a table becomes on Citus when it is not distributed by organization_id (docs/SCALING.md).
 * Tables with an organization_id column that are not listed must be distributable by it: every
 * primary key and unique constraint includes it, and it is never null (test/citus-distribution).
 */
export type TablePlacement =
  | { kind: 'distributed'; column: string; reason: string }
  | { kind: 'reference'; reason: string }
  | { kind: 'local'; reason: string };

const local = (tables: string[], reason: string): Record<string, TablePlacement> =>
  Object.fromEntries(tables.map((table) => [table, { kind: 'local', reason }]));

const SUBGRAPH_SCHEMAS = ['identity', 'tenancy', 'audit', 'lifecycle'];

export const TABLE_DISTRIBUTION: Record<string, TablePlacement> = {
  'tenancy.organizations': {
    kind: 'distributed',
    column: 'id',
    reason: 'The organization itself: its id is the distribution value every tenant row is colocated with',
  },
  ...local(
    SUBGRAPH_SCHEMAS.map((schema) => `${schema}.mikro_orm_migrations`),
    'Each schema’s migration log, written by `npm run migrate` on the coordinator only',
  ),
  ...local(
    SUBGRAPH_SCHEMAS.map((schema) => `${schema}.lifecycle_destructions`),
    'Progress of one deletion request per subgraph type (request id, type, cursor): a few rows per ' +
      'deletion, read and written by the deletion job alone',
  ),
  ...local(
    ['identity.audit_outbox', 'tenancy.audit_outbox', 'lifecycle.audit_outbox'],
    'The audit outbox: an event may belong to no organization (a person’s own sign-in), so ' +
      'organization_id may be null; a queue the relay drains within seconds and prunes after a day',
  ),
  ...local(
    [
      'identity.users',
      'identity.sessions',
      'identity.sign_in_attempts',
      'identity.sign_in_challenges',
      'identity.sign_in_code_mails',
      'identity.sign_in_codes',
      'identity.sign_in_throttles',
      'identity.totp_factors',
      'identity.passkeys',
      'identity.passkey_ceremonies',
      'identity.recovery_codes',
      'identity.oidc_flows',
      'identity.operator_grants',
      'identity.api_keys',
      'identity.organization_sso',
      'identity.organization_sso_domains',
      'identity.sign_in_policies',
    ],
    'Identity: a person’s account spans organizations and every request authenticates by a token, ' +
      'key prefix or address before any organization is known, so the schema stays whole on one ' +
      'node (a Citus distributed schema) rather than fanning each sign-in out to every shard',
  ),
  ...local(
    [
      'audit.system_events',
      'audit.system_chain_head',
      'audit.role_snapshots',
      'audit.incidents',
      'audit.incident_updates',
      'audit.incident_organizations',
      'audit.incident_notifications',
      'audit.incident_deliveries',
    ],
    'The deployment’s own record (system audit chain, role snapshots, incidents and their ' +
      'notifications): the operator’s, not a tenant’s, small, and joined among themselves',
  ),
  ...local(
    ['lifecycle.erasure_ledger'],
    'The erasure ledger: one row per completed deletion (of an organization or of a person, whose ' +
      'organization_id is null), read whole when a restored database re-applies it',
  ),
  ...local(
    ['lifecycle.backups', 'lifecycle.restore_drills'],
    'The deployment’s own backups and restore drills: no organization’s rows, read by operators',
  ),
  ...local(
    ['lifecycle.data_exports', 'lifecycle.deletion_requests'],
    'A request’s subject is an organization or a person: a person’s has no organization_id (null). ' +
      'One row per request, read by id and by subject: kept whole on the coordinator',
  ),
  'lifecycle.jobs': {
    kind: 'local',
    reason: 'The legacy job table (jobs moved to pg-boss); ids only, drained at boot by moveLegacyJobs',
  },
};
