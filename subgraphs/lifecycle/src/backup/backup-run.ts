import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import pg from 'pg';
import { onConnectionLoss } from '../../../../platform/connection-loss.ts';
import type { Logger } from 'pino';
import type { BlobStore } from '../export/blob-store.ts';
import { entryOfRow, LEDGER_SELECT, storeLedgerEntry } from '../ledger/erasure-ledger.ts';
import { encryptChunks } from './backup-cipher.ts';
import { dumpFrames, type DumpTotals } from './backup-dump.ts';
import {
  backupDataKey,
  backupManifestKey,
  readManifest,
  writeManifest,
  type BackupManifest,
} from './backup-store.ts';
import {
  keyStoreCopyKey,
  purgeKeyStoreCopies,
  readWrappedKeys,
  withKeyStoreCopiesLocked,
  writeKeyStoreCopy,
} from './key-store-copy.ts';

export interface BackupDeps {
  /** A superuser (or BYPASSRLS owner) URL of Steward's database: a backup reads every schema. */
  databaseUrl: string;
  blobStore: BlobStore;
  /** AES-256-GCM key (STEWARD_BACKUP_KEY). */
  key: Buffer;
  retentionDays: number;
  logger: Logger;
}

/** A connection of the backup's own: the database ending it fails the backup (retried), not the process. */
const backupClient = (deps: Pick<BackupDeps, 'databaseUrl' | 'logger'>) =>
  onConnectionLoss(
    new pg.Client({ connectionString: deps.databaseUrl, application_name: 'steward-backup' }),
    (error) => deps.logger.warn({ err: error }, 'backup: database connection lost'),
  );

/** A backup still RUNNING after this long was interrupted (its process died): it is marked FAILED. */
const INTERRUPTED_AFTER = '6 hours';

/**
 * One backup: recorded RUNNING first (committed), then the dump streamed through the cipher into
 * the blob store (written under a temporary name, renamed when whole), then the key-store copy (the
 * wrapped data keys, apart from the dump), then the manifest, then the record COMPLETED with its
 * size and SHA-256. A process killed on the way leaves a RUNNING record and no manifest: never a
 * backup that counts as good. The erasure ledger goes beside it. Last, every key-store copy loses
 * the keys the database's tombstones name (purgeDestroyedKeys).
 */
export async function runBackup(deps: BackupDeps): Promise<BackupManifest> {
  const id = randomUUID();
  const records = backupClient(deps);
  const dump = backupClient(deps);
  await records.connect();
  try {
    await records.query(
      `update lifecycle.backups set status = 'FAILED', error = 'interrupted'
       where status = 'RUNNING' and started_at < now() - interval '${INTERRUPTED_AFTER}'`,
    );
    const { rows } = await records.query<{ expires_at: Date }>(
      `insert into lifecycle.backups (id, expires_at) values ($1, now() + make_interval(days => $2))
       returning expires_at`,
      [id, deps.retentionDays],
    );
    const expiresAt = rows[0]!.expires_at;
    const totals: DumpTotals = { snapshotAt: null, tables: 0, rows: 0, rowsByTable: {} };
    try {
      await dump.connect();
      const stored = await deps.blobStore.put(
        backupDataKey(id),
        Readable.from(encryptChunks(dumpFrames(dump, id, totals), deps.key, id), { objectMode: false }),
      );
      const ledger = (await records.query<Parameters<typeof entryOfRow>[0]>(LEDGER_SELECT)).rows.map(
        entryOfRow,
      );
      for (const entry of ledger) await storeLedgerEntry(deps.blobStore, entry);
      // Read after the dump's snapshot: a key destroyed meanwhile is not copied.
      const keyStore = await writeKeyStoreCopy(deps.blobStore, deps.key, id, await readWrappedKeys(records));
      const completedAt = new Date();
      const manifest: BackupManifest = {
        id,
        snapshotAt: totals.snapshotAt!.toISOString(),
        completedAt: completedAt.toISOString(),
        expiresAt: expiresAt.toISOString(),
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        tables: totals.tables,
        rows: totals.rows,
        rowsByTable: totals.rowsByTable,
        keyStore,
      };
      await writeManifest(deps.blobStore, manifest);
      await records.query(
        `update lifecycle.backups set status = 'COMPLETED', completed_at = $2, snapshot_at = $3,
           size_bytes = $4, sha256 = $5, tables = $6, rows = $7, ledger_entries = $8
         where id = $1`,
        [
          id,
          completedAt,
          totals.snapshotAt,
          stored.sizeBytes,
          stored.sha256,
          totals.tables,
          totals.rows,
          ledger.length,
        ],
      );
      deps.logger.info(
        {
          backupId: id,
          sizeBytes: stored.sizeBytes,
          rows: totals.rows,
          tables: totals.tables,
          keys: keyStore.keys,
        },
        'backup completed',
      );
    } catch (error) {
      await deps.blobStore.delete(backupManifestKey(id)).catch(() => undefined);
      await deps.blobStore.delete(backupDataKey(id)).catch(() => undefined);
      await deps.blobStore.delete(keyStoreCopyKey(id)).catch(() => undefined);
      await records
        .query(`update lifecycle.backups set status = 'FAILED', error = $2 where id = $1`, [
          id,
          error instanceof Error ? error.message.slice(0, 500) : 'failed',
        ])
        .catch(() => undefined);
      throw error;
    }
    // The backup stands whatever happens here; a failure is the run's (metric, error log).
    await purgeDestroyedKeys(records, deps);
    // As the blob store holds it now (the purge rewrites a manifest whose copy it rewrote).
    return await readManifest(deps.blobStore, id);
  } finally {
    await dump.end().catch(() => undefined);
    await records.end();
  }
}

/**
 * Belt and braces beside each deletion's own purge: every key-store copy loses the keys the
 * database's tombstones (subject_keys.destroyed_keys) name. Read after this run's copy was
 * written, so a deletion that destroyed a key too late for that read lists the copy in its own purge.
 */
export async function purgeDestroyedKeys(
  client: pg.ClientBase,
  deps: Pick<BackupDeps, 'blobStore' | 'key' | 'logger'>,
) {
  return withKeyStoreCopiesLocked(client, async () => {
    const { rows } = await client.query<{ id: string }>(`select id::text from subject_keys.destroyed_keys`);
    const purged = await purgeKeyStoreCopies(
      deps.blobStore,
      deps.key,
      rows.map((row) => row.id),
    );
    if (purged.removed) deps.logger.info(purged, 'key-store copies: destroyed keys removed');
    return purged;
  });
}

/**
 * Deletes every backup past its expiry (BACKUP_RETENTION_DAYS after it was taken): its key-store
 * copy, dump and manifest from the blob store, then the record, kept as DELETED. Failed ones go
 * the same way.
 */
export async function deleteExpiredBackups(
  deps: Pick<BackupDeps, 'databaseUrl' | 'blobStore' | 'logger'>,
): Promise<string[]> {
  const client = backupClient(deps);
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `select id from lifecycle.backups where status in ('COMPLETED','FAILED') and expires_at <= now()
       order by expires_at`,
    );
    for (const { id } of rows) {
      // Under the lock: a purge rewriting this copy meanwhile would put it back.
      await withKeyStoreCopiesLocked(client, () => deps.blobStore.delete(keyStoreCopyKey(id)));
      await deps.blobStore.delete(backupManifestKey(id));
      await deps.blobStore.delete(backupDataKey(id));
      await client.query(
        `update lifecycle.backups set status = 'DELETED', deleted_at = now() where id = $1`,
        [id],
      );
      deps.logger.info({ backupId: id }, 'expired backup deleted');
    }
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}
