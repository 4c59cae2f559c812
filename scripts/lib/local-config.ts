import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { Port, ProcessEnv } from '../../platform/config.ts';
import { generateStewardKeys } from '../../platform/internal-token.ts';
import { SUBGRAPHS } from '../../platform/database.ts';
import { CorsOrigins } from '../../gateway/src/cors.ts';
import { startEmbeddedPostgres, type LocalDatabase } from './embedded-postgres.ts';
import { chooseDataDir } from './postgres-as-root.ts';
import type { InternalKeys } from './stack.ts';

/** The variables `npm start` and `npm run migrate` read. */
export const LocalEnv = ProcessEnv.extend({
  // DATABASE_URL (ProcessEnv) unset: an embedded PostgreSQL kept in STEWARD_DATA_DIR.
  STEWARD_DATA_DIR: z.string().default('.steward'),
  PORT: Port.default(4000),
  HOST: z.string().default('127.0.0.1'),
  IDENTITY_PORT: Port.default(4001),
  TENANCY_PORT: Port.default(4002),
  AUDIT_PORT: Port.default(4003),
  LIFECYCLE_PORT: Port.default(4004),
  CORS_ORIGINS: CorsOrigins,
  STEWARD_INTERNAL_PRIVATE_KEY: z.string().optional(),
  STEWARD_INTERNAL_PUBLIC_KEY: z.string().optional(),
});
export type LocalEnv = z.infer<typeof LocalEnv>;

/** The embedded database's folder cannot be used: the message says what to fix. */
export class DataDirError extends Error {}

/**
 * Where `npm start`'s development mail and export archives go: inside STEWARD_DATA_DIR, unless
 * their own variables say otherwise.
 */
export function keepFilesInDataDir(env: LocalEnv): void {
  process.env.STEWARD_MAILBOX_DIR ??= resolve(env.STEWARD_DATA_DIR, 'mailbox');
  process.env.STEWARD_BLOB_DIR ??= resolve(env.STEWARD_DATA_DIR, 'blobs');
}

/** DATABASE_URL when set, otherwise the embedded server with its data kept between runs. */
export async function openLocalDatabase(env: LocalEnv): Promise<LocalDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => undefined };
  const choice = chooseDataDir(
    resolve(env.STEWARD_DATA_DIR, 'postgres'),
    process.env.STEWARD_DATA_DIR !== undefined,
  );
  if ('unusable' in choice) throw new DataDirError(choice.unusable);
  const { dataDir } = choice;
  if (choice.moved) {
    console.log(
      `PostgreSQL runs as the "postgres" user, who cannot reach ${env.STEWARD_DATA_DIR}; its data is in ${dataDir}`,
    );
  }
  mkdirSync(dataDir, { recursive: true });
  return startEmbeddedPostgres({ dataDir, database: 'steward', persistent: true });
}

/** The internal token keys: the gateway's from the environment or, like the services', generated once into the data folder. */
export function loadOrCreateKeys(env: LocalEnv): InternalKeys {
  const file = join(env.STEWARD_DATA_DIR, 'internal-keys.json');
  let keys = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<InternalKeys>) : {};
  if (!keys.privateKeyPem || !keys.services || !keys.auditSigning) {
    keys = generateStewardKeys(SUBGRAPHS);
    mkdirSync(env.STEWARD_DATA_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  } else if (!keys.certificateSigning) {
    // A data folder from before certificates: add their key, keep the others.
    keys.certificateSigning = generateStewardKeys([]).certificateSigning;
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  }
  const full = keys as InternalKeys;
  // Anyone may verify a certificate of destruction with this key alone (npm run verify-certificate).
  writeFileSync(
    join(env.STEWARD_DATA_DIR, 'certificate-public-key.pem'),
    full.certificateSigning.publicKeyPem,
  );
  // And an audit export with this one (npm run verify-audit-export).
  writeFileSync(join(env.STEWARD_DATA_DIR, 'audit-public-key.pem'), full.auditSigning.publicKeyPem);
  if (env.STEWARD_INTERNAL_PRIVATE_KEY && env.STEWARD_INTERNAL_PUBLIC_KEY) {
    return {
      ...full,
      privateKeyPem: env.STEWARD_INTERNAL_PRIVATE_KEY,
      publicKeyPem: env.STEWARD_INTERNAL_PUBLIC_KEY,
    };
  }
  return full;
}
