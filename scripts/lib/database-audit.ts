import pg from 'pg';
import { rolesOf } from '../../platform/database.ts';

/**
 * Where the event triggers write: a schema of the installing superuser's own, so that no Steward
 * role can change what runs inside another user's DDL (a trigger on the capture table, a replaced
 * function would run with the definer's rights). The audit subgraph's runtime role reads the
 * captures and deletes them once they are in the system chain.
 */
export const CAPTURE_SCHEMA = 'steward_db_audit';
export const EVENT_TRIGGERS = ['steward_ddl_capture', 'steward_drop_capture'] as const;

export type DatabaseAuditInstall = { installed: true } | { installed: false; reason: string };

/**
 * Installs the event triggers that record DDL and GRANT/REVOKE (`ddl_command_end`, `sql_drop`) with
 * the session user, application name, client address and statement. Idempotent. Needs a superuser:
 * where the DATABASE_URL user is not one (some managed services), answers why and installs nothing;
 * the audit subgraph then says so at boot and still compares role snapshots.
 */
export async function installDatabaseAudit(databaseUrl: string): Promise<DatabaseAuditInstall> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ superuser: boolean }>(
      `select rolsuper as superuser from pg_roles where rolname = current_user`,
    );
    if (!rows[0]?.superuser) {
      return {
        installed: false,
        reason: 'the DATABASE_URL user is not a superuser (event triggers need one)',
      };
    }
    await client.query('begin');
    await client.query(`create schema if not exists ${CAPTURE_SCHEMA}`);
    await client.query(`create table if not exists ${CAPTURE_SCHEMA}.captures (
      id bigint generated always as identity primary key,
      captured_at timestamptz not null default clock_timestamp(),
      event text not null,
      command_tag text not null,
      objects jsonb not null,
      session_user_name text not null,
      application_name text,
      client_addr text,
      backend_pid int not null,
      transaction_id bigint not null,
      migration text,
      statement text)`);
    await client.query(CAPTURE_FUNCTION);
    await client.query(`revoke all on function ${CAPTURE_SCHEMA}.capture() from public`);
    await client.query(`revoke all on schema ${CAPTURE_SCHEMA} from public`);
    const { runtime } = rolesOf('audit');
    await client.query(`grant usage on schema ${CAPTURE_SCHEMA} to ${runtime}`);
    await client.query(`grant select, delete on ${CAPTURE_SCHEMA}.captures to ${runtime}`);
    const [ddl, drop] = EVENT_TRIGGERS;
    await client.query(`drop event trigger if exists ${ddl}`);
    await client.query(`drop event trigger if exists ${drop}`);
    await client.query(
      `create event trigger ${ddl} on ddl_command_end execute function ${CAPTURE_SCHEMA}.capture()`,
    );
    await client.query(
      `create event trigger ${drop} on sql_drop execute function ${CAPTURE_SCHEMA}.capture()`,
    );
    await client.query('commit');
    return { installed: true };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    if (error instanceof Error && 'code' in error && error.code === '42501') {
      return { installed: false, reason: `not permitted: ${error.message}` };
    }
    throw error;
  } finally {
    await client.end();
  }
}

// Runs inside every DDL statement of every user: it records and never decides. Steward's migrations
// name themselves in `steward.migration` (subgraphs/runtime/migration-marker.ts); a session user
// other than a subgraph's owner role is outside Steward's migrations whatever it sets there.
const CAPTURE_FUNCTION = `
create or replace function ${CAPTURE_SCHEMA}.capture() returns event_trigger language plpgsql
  security definer set search_path = pg_catalog, pg_temp as $$
  declare
    objects jsonb;
  begin
    if tg_event = 'sql_drop' then
      select coalesce(jsonb_agg(jsonb_build_object('type', object_type, 'schema', schema_name,
          'identity', object_identity)), '[]'::jsonb)
        into objects from pg_event_trigger_dropped_objects() where not is_temporary;
    else
      select coalesce(jsonb_agg(jsonb_build_object('type', object_type, 'schema', schema_name,
          'identity', object_identity, 'command', command_tag)), '[]'::jsonb)
        into objects from pg_event_trigger_ddl_commands() where not in_extension;
    end if;
    insert into ${CAPTURE_SCHEMA}.captures (event, command_tag, objects, session_user_name, application_name,
        client_addr, backend_pid, transaction_id, migration, statement)
      values (tg_event, tg_tag, objects, session_user, current_setting('application_name', true),
        host(inet_client_addr()), pg_backend_pid(), txid_current(),
        nullif(current_setting('steward.migration', true), ''), left(current_query(), 8192));
  end
$$`;
