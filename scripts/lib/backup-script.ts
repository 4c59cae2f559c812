import { z } from 'zod';
import { loadConfig, Pem, PublicKeysJson } from '../../platform/config.ts';
import { createLogger } from '../../platform/logger.ts';
import { privateKeyFromPem, publicKeyFromPem } from '../../platform/internal-token.ts';
import {
  checkpointKeysOf,
  developmentSigningKey,
} from '../../subgraphs/audit/src/chain/checkpoint-signature.ts';
import { ConfigurationError, type Missing } from '../../platform/requirements.ts';
import { BackupEnvShape, backupSettingsOf } from '../../subgraphs/lifecycle/src/backup/backup-config.ts';
import { BackupError } from '../../subgraphs/lifecycle/src/backup/backup-error.ts';
import { localBlobStore } from '../../subgraphs/lifecycle/src/export/blob-store.ts';
import { keepFilesInDataDir, LocalEnv, openLocalDatabase } from './local-config.ts';

/** What the backup commands read: the database, the blob store, the backup key. */
const BackupScriptEnv = LocalEnv.extend({
  ...BackupEnvShape,
  STEWARD_BLOB_DIR: z.string().min(1).optional(),
  /** The certificate key: a re-applied deletion makes the same pseudonyms as the first time. */
  STEWARD_CERTIFICATE_SIGNING_KEY: Pem('BEGIN PRIVATE KEY').optional(),
  /** The drill verifies the audit chains' signed checkpoints with these. */
  STEWARD_AUDIT_SIGNING_KEY: Pem('BEGIN PRIVATE KEY').optional(),
  STEWARD_AUDIT_RETIRED_KEYS: PublicKeysJson,
});

/** The backup commands' configuration; stops naming what production lacks. */
export async function openBackupContext(name: string) {
  keepFilesInDataDir(loadConfig(LocalEnv));
  const env = loadConfig(BackupScriptEnv);
  const missing: Missing[] = [];
  const settings = backupSettingsOf({ ...env, BACKUP_CRON: 'off' }, missing);
  if (env.NODE_ENV === 'production') {
    if (!env.DATABASE_URL)
      missing.push({ variable: 'DATABASE_URL', why: 'the database backed up or restored' });
    if (!process.env.STEWARD_BLOB_DIR)
      missing.push({ variable: 'STEWARD_BLOB_DIR', why: 'where backups are kept' });
  }
  if (missing.length) throw new ConfigurationError(name, missing);
  const database = await openLocalDatabase(env);
  return {
    databaseUrl: database.url,
    dbSecret: env.STEWARD_DB_SECRET,
    blobStore: localBlobStore(process.env.STEWARD_BLOB_DIR!),
    key: settings.key,
    retentionDays: settings.retentionDays,
    certificateKey: env.STEWARD_CERTIFICATE_SIGNING_KEY
      ? privateKeyFromPem(env.STEWARD_CERTIFICATE_SIGNING_KEY)
      : undefined,
    auditKeys: checkpointKeysOf(
      env.STEWARD_AUDIT_SIGNING_KEY
        ? privateKeyFromPem(env.STEWARD_AUDIT_SIGNING_KEY)
        : developmentSigningKey(),
      env.STEWARD_AUDIT_RETIRED_KEYS.map(publicKeyFromPem),
    ),
    logger: createLogger(name, { level: env.LOG_LEVEL, pii: env.LOG_PII }),
    stop: database.stop,
  };
}

/** Runs a command: a refused backup prints its code and exits 2, anything else exits 1. */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof BackupError) {
        console.error(`${error.code}: ${error.message}`);
        process.exit(2);
      }
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
