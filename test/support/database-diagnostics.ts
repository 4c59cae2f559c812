import pg from 'pg';
import { testEnvironment } from './test-env.ts';

/**
 * What this worker's database is doing, for the message of a test that waited in vain: the
 * sessions that hold or wait for a lock or sit in a transaction, and the job queues' unfinished
 * jobs. A stalled export or deletion is explained by one of them.
 */
export async function databaseDiagnostics(): Promise<string> {
  const client = new pg.Client({ connectionString: testEnvironment().databaseUrl });
  try {
    await client.connect();
    const sessions = await client.query(
      `select pid, usename, state, wait_event_type, wait_event,
              round(extract(epoch from now() - xact_start))::int as xact_seconds,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
         from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()
          and (state <> 'idle' or wait_event_type = 'Lock')`,
    );
    const schemas = await client.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname like '%\\_jobs' and exists
         (select 1 from pg_class c where c.relnamespace = pg_namespace.oid and c.relname = 'job')`,
    );
    const jobs: unknown[] = [];
    for (const { nspname } of schemas.rows) {
      const { rows } = await client.query(
        `select '${nspname}' as schema, name, state, retry_count, created_on, started_on, start_after, heartbeat_on
           from ${nspname}.job where state not in ('completed', 'cancelled') order by created_on limit 20`,
      );
      jobs.push(...rows);
    }
    return `sessions: ${JSON.stringify(sessions.rows)}\nunfinished jobs: ${JSON.stringify(jobs)}`;
  } catch (error) {
    return `diagnostics failed: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}
