import pg from 'pg';
import { testEnvironment } from './test-env.ts';

/**
 * What this worker's database is doing, for the message of a test that waited in vain: the
 * connections by role and program, the sessions that hold or wait for a lock or sit in a
 * transaction, the exports not completed, and the job queues' due or running jobs (not those
 * scheduled for later). A stalled export or deletion is explained by one of them.
 */
export async function databaseDiagnostics(databaseUrl = testEnvironment().databaseUrl): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    // Every connection by role, program and state (a stack left running by an earlier file shows
    // as a second set), and the busy ones in full.
    const connections = await client.query(
      `select usename, application_name, state, count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()
        group by 1, 2, 3 order by 1, 2, 3`,
    );
    const sessions = await client.query(
      `select pid, usename, state, wait_event_type, wait_event,
              round(extract(epoch from now() - xact_start))::int as xact_seconds,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
         from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()
          and (state <> 'idle' or wait_event_type = 'Lock')`,
    );
    const exports = await client
      .query(
        `select id, status, progress, requested_at, completed_at, left(error, 200) as error
         from lifecycle.data_exports where status <> 'COMPLETED' order by requested_at desc limit 10`,
      )
      .catch((error: Error) => ({ rows: [{ error: error.message }] }));
    const schemas = await client.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname like '%\\_jobs' and exists
         (select 1 from pg_class c where c.relnamespace = pg_namespace.oid and c.relname = 'job')`,
    );
    const jobs: unknown[] = [];
    for (const { nspname } of schemas.rows) {
      const { rows } = await client.query(
        `select '${nspname}' as schema, id, name, state, retry_count, created_on, started_on, start_after,
                heartbeat_on, left(output::text, 300) as output
           from ${nspname}.job
          where state not in ('completed', 'cancelled') and (state <> 'created' or start_after <= now())
          order by created_on desc limit 20`,
      );
      jobs.push(...rows);
    }
    return [
      `connections: ${JSON.stringify(connections.rows)}`,
      `busy sessions: ${JSON.stringify(sessions.rows)}`,
      `unfinished exports: ${JSON.stringify(exports.rows)}`,
      `due or running jobs: ${JSON.stringify(jobs)}`,
    ].join('\n');
  } catch (error) {
    return `diagnostics failed: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}
