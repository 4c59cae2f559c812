import { rmSync } from 'node:fs';
import { generateStewardKeys } from '../../platform/internal-token.ts';
import { SUBGRAPHS } from '../../platform/database.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.ts';
import { migrateAll } from '../../scripts/lib/stack.ts';
import { readSupergraph } from '../../scripts/lib/subgraph-modules.ts';
import { TEST_ENV_VAR, embeddedDataDir, type TestEnvironment } from './test-env.ts';

/**
 * One real PostgreSQL for the whole run: fresh databases on DATABASE_URL's server when set,
 * otherwise an embedded server in a temporary folder. A migrated database per jest worker, so
 * files running at once never share a job queue (test-env.ts).
 */
export default async function globalSetup(config: { maxWorkers: number }): Promise<void> {
  const database = `steward_test_${Date.now()}`;
  let databaseUrl: string;
  if (process.env.DATABASE_URL) {
    const maintenance = new URL(process.env.DATABASE_URL);
    maintenance.pathname = '/postgres';
    await ensureDatabase(maintenance.toString(), database);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
  } else {
    const dataDir = embeddedDataDir();
    rmSync(dataDir, { recursive: true, force: true });
    // Every test file starts a stack of its own (five pools and the job queues' connections),
    // two at a time, beside databases of their own: more than PostgreSQL's default 100 at peaks.
    const server = await startEmbeddedPostgres({ dataDir, database, persistent: false, maxConnections: 300 });
    (globalThis as { stewardTestDatabase?: typeof server }).stewardTestDatabase = server;
    databaseUrl = server.url;
  }
  const dbSecret = 'steward-test-secret-0123456789';
  const workerDatabaseUrls = [databaseUrl];
  for (let worker = 2; worker <= Math.max(1, config.maxWorkers); worker += 1) {
    const url = new URL(databaseUrl);
    const name = `${database}_w${worker}`;
    const maintenance = new URL(databaseUrl);
    maintenance.pathname = '/postgres';
    await ensureDatabase(maintenance.toString(), name);
    url.pathname = `/${name}`;
    workerDatabaseUrls.push(url.toString());
  }
  // One after another: roles are the cluster's, and the first migration creates them.
  for (const url of workerDatabaseUrls) await migrateAll({ databaseUrl: url, dbSecret }, readSupergraph());
  const env: TestEnvironment = {
    databaseUrl,
    workerDatabaseUrls,
    dbSecret,
    ...generateStewardKeys(SUBGRAPHS),
  };
  process.env[TEST_ENV_VAR] = JSON.stringify(env);
}
