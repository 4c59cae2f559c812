import { rmSync } from 'node:fs';
import { generateStewardKeys } from '../../platform/internal-token.ts';
import { SUBGRAPHS } from '../../platform/database.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.ts';
import { migrateAll } from '../../scripts/lib/stack.ts';
import { readSupergraph } from '../../scripts/lib/subgraph-modules.ts';
import { TEST_ENV_VAR, embeddedDataDir, type TestEnvironment } from './test-env.ts';

/**
 * One real PostgreSQL for the whole run: a fresh database on DATABASE_URL's server when set,
 * otherwise an embedded server in a temporary folder. Roles, schemas and migrations once.
 */
export default async function globalSetup(): Promise<void> {
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
    const server = await startEmbeddedPostgres({ dataDir, database, persistent: false });
    (globalThis as { stewardTestDatabase?: typeof server }).stewardTestDatabase = server;
    databaseUrl = server.url;
  }
  const env: TestEnvironment = {
    databaseUrl,
    dbSecret: 'steward-test-secret-0123456789',
    ...generateStewardKeys(SUBGRAPHS),
  };
  await migrateAll({ databaseUrl: env.databaseUrl, dbSecret: env.dbSecret }, readSupergraph());
  process.env[TEST_ENV_VAR] = JSON.stringify(env);
}
