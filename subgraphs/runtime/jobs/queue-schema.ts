import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { rolesOf, urlForRole, type SubgraphName } from '../../../platform/database.ts';

/** A subgraph's job queue lives in a schema of its own, beside its tables: `<subgraph>_jobs`. */
export const queueSchemaOf = (subgraph: SubgraphName) => `${subgraph}_jobs`;

/** The dead letter queue of a job kind: where pg-boss moves a job whose retries are spent. */
export const deadLetterQueueOf = (kind: string) => `${kind}.dead`;

/**
 * Installs (or upgrades) the subgraph's pg-boss schema and queues as its owner role, the way its
 * migrations run, and grants its runtime role the rows only: the runtime role enqueues, works and
 * maintains jobs, and can create or alter nothing. `databaseUrl` is the superuser (or database
 * owner) URL that `npm run migrate` has; it only creates the schema.
 */
export async function installJobQueue(
  access: { databaseUrl: string; dbSecret: string },
  subgraph: SubgraphName,
  kinds: readonly string[],
): Promise<void> {
  const { owner, runtime } = rolesOf(subgraph);
  const schema = queueSchemaOf(subgraph);
  const admin = new pg.Client({ connectionString: access.databaseUrl });
  await admin.connect();
  try {
    await admin.query(`create schema if not exists ${schema} authorization ${owner}`);
    await admin.query(`revoke all on schema ${schema} from public`);
  } finally {
    await admin.end();
  }
  const ownerUrl = urlForRole(access.databaseUrl, owner, access.dbSecret);
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema,
    max: 2,
    migrate: true,
    createSchema: false,
    supervise: false,
    schedule: false,
  });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    for (const kind of kinds) {
      // notify: an enqueue wakes the workers listening at once, besides their polling.
      if (!(await boss.getQueue(kind))) await boss.createQueue(kind, { notify: true });
      // Telling a dead letter's owner (a mail) may fail too: it is retried for hours.
      const dead = deadLetterQueueOf(kind);
      if (!(await boss.getQueue(dead))) {
        await boss.createQueue(dead, {
          notify: true,
          retryLimit: 12,
          retryDelay: 60,
          retryBackoff: true,
          retryDelayMax: 3600,
        });
      }
    }
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`grant usage on schema ${schema} to ${runtime}`);
    await client.query(
      `grant select, insert, update, delete on all tables in schema ${schema} to ${runtime}`,
    );
    await client.query(`grant usage, select on all sequences in schema ${schema} to ${runtime}`);
    await client.query(`grant execute on all functions in schema ${schema} to ${runtime}`);
  } finally {
    await client.end();
  }
}
