import pg from 'pg';
import type { Logger } from 'pino';
import type { BlobStore } from '../export/blob-store.ts';
import { BackupError } from './backup-error.ts';
import { newestManifest } from './backup-store.ts';
import { readKeyStoreCopy, readWrappedKeys, type WrappedKeyRow } from './key-store-copy.ts';

/** Where a restore took its data keys from: the newest key store Steward could find. */
export interface KeyStoreSource {
  from: 'live-database' | 'key-store-copy';
  /** The backup whose key-store copy it was (null: the live database's). */
  backupId: string | null;
  keys: WrappedKeyRow[];
}

/** What a restore's result states of it (no key material). */
export const keyStoreSummary = (source: KeyStoreSource) => ({
  from: source.from,
  backupId: source.backupId,
  keys: source.keys.length,
});

/**
 * The newest key store: the live database's `subject_keys.data_keys` when it answers, else the
 * key-store copy of the newest backup (by snapshot time) that has one. Never a dump's: a key
 * destroyed since the backup stays destroyed. No key store at all is KEY_STORE_NOT_FOUND: a
 * restore without keys would read every sealed value as erased.
 */
export async function newestKeyStore(options: {
  blobStore: BlobStore;
  key: Buffer;
  liveUrl: string | null;
  logger: Logger;
}): Promise<KeyStoreSource> {
  if (options.liveUrl) {
    const client = new pg.Client({ connectionString: options.liveUrl, application_name: 'steward-restore' });
    try {
      await client.connect();
      return { from: 'live-database', backupId: null, keys: await readWrappedKeys(client) };
    } catch (error) {
      options.logger.warn(
        { err: error },
        'key store: the live database did not answer; the newest key-store copy stands in',
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const manifest = await newestManifest(options.blobStore, (m) => m.keyStore !== undefined);
  if (!manifest) {
    throw new BackupError(
      'KEY_STORE_NOT_FOUND',
      'No live database answered and no backup has a key-store copy: the sealed content would not open',
    );
  }
  const copy = await readKeyStoreCopy(options.blobStore, options.key, manifest.id, manifest.keyStore);
  return { from: 'key-store-copy', backupId: manifest.id, keys: copy.keys };
}
