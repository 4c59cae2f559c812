import type { Writable } from 'node:stream';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { BlobStore } from '../export/blob-store.ts';
import { decryptingStream } from './backup-cipher.ts';
import { BackupError } from './backup-error.ts';
import { columnList, tableName, TABLES_SQL, type DumpHeader, type DumpTable } from './backup-dump.ts';
import { jsonOf, readFrames } from './backup-frames.ts';
import { authenticateDump, backupDataKey, type BackupManifest } from './backup-store.ts';
import { isKeyStoreTable, KEY_STORE_TABLE_NAME, loadWrappedKeys } from './key-store-copy.ts';
import { keyStoreSummary, type KeyStoreSource } from './key-store-source.ts';

export interface RestoreResult {
  backupId: string;
  snapshotAt: string;
  tables: number;
  rows: number;
  /** Rows per table as loaded (`schema.table`), to compare with the manifest's. */
  rowsByTable: Record<string, number>;
  /** Tables the dump holds and the restore did not load: a dump's data keys (backups before #18). */
  skippedRowsByTable: Record<string, number>;
  /** Where the data keys came from: the newest key store, never the dump. */
  keyStore: ReturnType<typeof keyStoreSummary>;
}

/** The target's own record of its structure: it stays (its migrations made the tables). */
const isMigrationLog = (table: { table: string }) => table.table === 'mikro_orm_migrations';

/** Refuses a backup whose tables or columns the target (migrated by this code) does not have. */
function checkFits(header: DumpHeader, target: DumpTable[]): void {
  const columnsOf = new Map(target.map((t) => [`${t.schema}.${t.table}`, new Set(t.columns)]));
  for (const table of header.tables) {
    const columns = columnsOf.get(`${table.schema}.${table.table}`);
    const missing = columns ? table.columns.filter((c) => !columns.has(c)) : ['(the table)'];
    if (missing.length) {
      throw new BackupError(
        'BACKUP_SCHEMA_MISMATCH',
        `${table.schema}.${table.table}: ${missing.join(', ')} missing in the target; restore with the version that took the backup`,
      );
    }
  }
}

const ended = (stream: Writable) =>
  new Promise<void>((resolve, reject) => {
    stream.once('finish', resolve);
    stream.once('error', reject);
    stream.end();
  });

const written = (stream: Writable, chunk: Buffer) =>
  stream.write(chunk) ? Promise.resolve() : new Promise<void>((resolve) => stream.once('drain', resolve));

/**
 * Loads a backup into a database that Steward's migrations just created (the same version's), as
 * its superuser, in one transaction: triggers and foreign keys held back as pg_restore's
 * --disable-triggers does (session_replication_role), every table emptied then filled by COPY,
 * sequences set. The SHA-256 and the GCM tag are checked in a first pass (authenticateDump), and
 * the tag again before the commit (the file could change between): a tampered, truncated or
 * foreign backup leaves the target as it was. The data keys come from `keyStore` (the newest key
 * store), never from the dump: an older backup's data keys are skipped.
 */
export async function restoreBackup(options: {
  blobStore: BlobStore;
  key: Buffer;
  manifest: BackupManifest;
  targetUrl: string;
  keyStore: KeyStoreSource;
}): Promise<RestoreResult> {
  const { blobStore, manifest } = options;
  await authenticateDump(blobStore, manifest, options.key);
  const blob = await blobStore.get(backupDataKey(manifest.id));
  if (!blob) throw new BackupError('BACKUP_NOT_FOUND', `Backup ${manifest.id}: its dump is gone`);
  const client = new pg.Client({ connectionString: options.targetUrl, application_name: 'steward-restore' });
  await client.connect();
  const result: RestoreResult = {
    backupId: manifest.id,
    snapshotAt: manifest.snapshotAt,
    tables: 0,
    rows: 0,
    rowsByTable: {},
    skippedRowsByTable: {},
    keyStore: keyStoreSummary(options.keyStore),
  };
  let copy: Writable | null = null;
  let current: DumpTable | null = null;
  let finished = false;
  try {
    await client.query('begin');
    await client.query(`set local session_replication_role = replica`);
    const decrypted = blob.body.pipe(decryptingStream(options.key, manifest.id));
    blob.body.on('error', (error) => decrypted.destroy(error));
    for await (const { type, payload } of readFrames(decrypted)) {
      if (type === 'H') {
        const header = jsonOf<DumpHeader>(payload);
        if (header.format !== 'steward-backup/1' || header.backupId !== manifest.id) {
          throw new BackupError('BACKUP_CORRUPT', 'The dump is not this backup');
        }
        checkFits(header, (await client.query<DumpTable>(TABLES_SQL)).rows);
        const loaded = header.tables.filter((t) => !isMigrationLog(t));
        if (loaded.length) await client.query(`truncate ${loaded.map(tableName).join(', ')}`);
        for (const sequence of header.sequences) {
          if (sequence.value === null) continue;
          await client.query(`select setval($1::regclass, $2::bigint, true)`, [
            tableName({ schema: sequence.schema, table: sequence.name }),
            sequence.value,
          ]);
        }
      } else if (type === 'T') {
        current = jsonOf<DumpTable>(payload);
        copy =
          isMigrationLog(current) || isKeyStoreTable(current)
            ? null
            : client.query(
                copyStreams.from(`copy ${tableName(current)} (${columnList(current.columns)}) from stdin`),
              );
      } else if (type === 'D') {
        if (copy) await written(copy, payload);
      } else if (type === 'E') {
        const { rows } = jsonOf<{ rows: number }>(payload);
        if (copy) await ended(copy);
        copy = null;
        if (current && isKeyStoreTable(current)) {
          result.skippedRowsByTable[KEY_STORE_TABLE_NAME] = rows;
        } else if (current) {
          result.rowsByTable[`${current.schema}.${current.table}`] = rows;
          result.tables += 1;
          result.rows += rows;
        }
        current = null;
      } else if (type === 'Z') {
        finished = true;
      }
    }
    // The stream ended cleanly: the tag authenticated everything above.
    if (!finished) throw new BackupError('BACKUP_CORRUPT', 'The dump has no trailer: it is incomplete');
    await client.query(`truncate ${KEY_STORE_TABLE_NAME}`);
    await loadWrappedKeys(client, options.keyStore.keys);
    await client.query('commit');
    return result;
  } catch (error) {
    copy?.destroy();
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
