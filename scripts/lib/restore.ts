import type { KeyObject } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { BlobStore } from '../../subgraphs/lifecycle/src/export/blob-store.ts';
import { BackupError } from '../../subgraphs/lifecycle/src/backup/backup-error.ts';
import { restoreBackup, type RestoreResult } from '../../subgraphs/lifecycle/src/backup/backup-restore.ts';
import type { BackupManifest } from '../../subgraphs/lifecycle/src/backup/backup-store.ts';
import { newestKeyStore } from '../../subgraphs/lifecycle/src/backup/key-store-source.ts';
import {
  entryOfRow,
  LEDGER_SELECT,
  mergeLedgers,
  readStoredLedger,
  type LedgerEntry,
} from '../../subgraphs/lifecycle/src/ledger/erasure-ledger.ts';
import { migrateAll } from './stack.ts';
import { reapplyLedger, type ReapplyResult } from './ledger-reapply.ts';

/** The URL of another database on the same server. */
export const databaseUrlOf = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
};

/**
 * The newest ledger Steward can find: the blob store's copy (written at every deletion's end and
 * by every backup) merged with the live database's own, when it still answers. Both are newer than
 * any backup; either alone covers a deletion whose other copy failed.
 */
export async function newestLedger(blobStore: BlobStore, liveUrl: string | null, logger: Logger) {
  const stored = await readStoredLedger(blobStore);
  let live: LedgerEntry[] = [];
  if (liveUrl) {
    const client = new pg.Client({ connectionString: liveUrl, application_name: 'steward-restore' });
    try {
      await client.connect();
      live = (await client.query<Parameters<typeof entryOfRow>[0]>(LEDGER_SELECT)).rows.map(entryOfRow);
    } catch (error) {
      logger.warn(
        { err: error },
        'erasure ledger: the live database did not answer; the blob store copy stands alone',
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return mergeLedgers(stored, live);
}

export interface RestoreOptions {
  /** A superuser URL of the server (DATABASE_URL); the target is created beside it. */
  serverUrl: string;
  /** The database to create and restore into: it must not exist. */
  database: string;
  dbSecret: string;
  blobStore: BlobStore;
  key: Buffer;
  manifest: BackupManifest;
  supergraphSdl: string;
  /**
   * The live database, whose ledger is merged with the blob store's and whose key store is the
   * newest (null, or when it does not answer: the blob store's ledger and newest key-store copy).
   */
  liveUrl: string | null;
  certificateKey?: KeyObject;
  logger: Logger;
  /** Runs once the backup is loaded, before the ledger is re-applied (the drill counts rows there). */
  afterLoad?: (targetUrl: string, restore: RestoreResult) => Promise<void>;
}

export interface RestoreOutcome {
  targetUrl: string;
  restore: RestoreResult;
  ledger: ReapplyResult;
  /** From the start of the restore to a database with the ledger re-applied. */
  elapsedMs: number;
}

/**
 * `npm run restore`: creates the database, gives it Steward's roles, schemas and migrations, loads
 * the backup with the newest key store's data keys (the live database's, else the newest key-store
 * copy: a key destroyed since the backup does not come back), then re-applies the newest erasure
 * ledger, so no deleted subject comes back. Any failure drops the database it created: a
 * half-restored database never stays to be pointed at.
 */
export async function restoreInto(options: RestoreOptions): Promise<RestoreOutcome> {
  const started = Date.now();
  const targetUrl = databaseUrlOf(options.serverUrl, options.database);
  // Before anything is created: no key store is a refusal, not a database whose content is all erased.
  const keyStore = await newestKeyStore(options);
  options.logger.info(
    {
      backupId: options.manifest.id,
      from: keyStore.from,
      keyStoreBackupId: keyStore.backupId,
      keys: keyStore.keys.length,
    },
    'restore: data keys from the newest key store',
  );
  const admin = new pg.Client({ connectionString: options.serverUrl, application_name: 'steward-restore' });
  await admin.connect();
  try {
    try {
      await admin.query(`create database ${admin.escapeIdentifier(options.database)}`);
    } catch (error) {
      if ((error as { code?: string }).code === '42P04') {
        throw new BackupError(
          'DATABASE_EXISTS',
          `Database ${options.database} exists: restore into a new one`,
        );
      }
      throw error;
    }
    try {
      await migrateAll({ databaseUrl: targetUrl, dbSecret: options.dbSecret }, options.supergraphSdl);
      const restore = await restoreBackup({
        blobStore: options.blobStore,
        key: options.key,
        manifest: options.manifest,
        targetUrl,
        keyStore,
      });
      await options.afterLoad?.(targetUrl, restore);
      const ledger = await reapplyLedger({
        databaseUrl: targetUrl,
        dbSecret: options.dbSecret,
        ledger: await newestLedger(options.blobStore, options.liveUrl, options.logger),
        blobStore: options.blobStore,
        supergraphSdl: options.supergraphSdl,
        certificateKey: options.certificateKey,
        logger: options.logger,
      });
      return { targetUrl, restore, ledger, elapsedMs: Date.now() - started };
    } catch (error) {
      await dropDatabase(admin, options.database);
      throw error;
    }
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(admin: pg.Client, database: string): Promise<void> {
  await admin.query(`drop database if exists ${admin.escapeIdentifier(database)} with (force)`);
}
