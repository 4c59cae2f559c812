import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { z } from 'zod';
import type { BlobStore } from '../export/blob-store.ts';
import { decryptingStream, encryptChunks } from './backup-cipher.ts';
import { BackupError } from './backup-error.ts';
import {
  backupManifestKey,
  readAll,
  readManifest,
  writeManifest,
  type BackupManifest,
  type KeyStoreCopyRecord,
} from './backup-store.ts';

/**
 * The key store apart from the data (#18): the wrapped data keys never go into a dump; each backup
 * writes them beside it as `key-store/<backup id>`, encrypted under STEWARD_BACKUP_KEY with
 * associated data of their own (backup-cipher.ts), and a deletion rewrites every copy without the
 * keys it destroyed. So a dump restored after a deletion finds no key to open the subject's content.
 */
export const KEY_STORE_TABLE = { schema: 'subject_keys', table: 'data_keys' } as const;
export const KEY_STORE_TABLE_NAME = `${KEY_STORE_TABLE.schema}.${KEY_STORE_TABLE.table}`;
export const isKeyStoreTable = (table: { schema: string; table: string }) =>
  table.schema === KEY_STORE_TABLE.schema && table.table === KEY_STORE_TABLE.table;

export const KEY_STORE_PREFIX = 'key-store';
export const keyStoreCopyKey = (backupId: string) => `${KEY_STORE_PREFIX}/${backupId}`;
const COPY_NAME = /^key-store\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * Serializes every rewrite and removal of key-store copies across processes (deletions, backups,
 * expiry): two read-filter-write passes at once could otherwise put back a key the other removed.
 */
const LOCK_NAME = `'steward:key-store-copies'`;
export const KEY_STORE_COPIES_XACT_LOCK = `select pg_advisory_xact_lock(hashtextextended(${LOCK_NAME}, 0))`;

export async function withKeyStoreCopiesLocked<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query(`select pg_advisory_lock(hashtextextended(${LOCK_NAME}, 0))`);
  try {
    return await work();
  } finally {
    await client.query(`select pg_advisory_unlock(hashtextextended(${LOCK_NAME}, 0))`);
  }
}

/** A data key as the key store holds it (every column, as JSON): still wrapped by the key-encryption key. */
const WrappedKeyRow = z.looseObject({ id: z.uuid() });
export type WrappedKeyRow = z.infer<typeof WrappedKeyRow>;

const KeyStorePlaintext = z.object({
  format: z.literal('steward-key-store/1'),
  backupId: z.uuid(),
  keys: z.array(WrappedKeyRow),
});

/** Every data key of a database, wrapped as stored (as its superuser or the key store's owner). */
export async function readWrappedKeys(client: pg.ClientBase): Promise<WrappedKeyRow[]> {
  const { rows } = await client.query<{ key: WrappedKeyRow }>(
    `select to_jsonb(k) as key from ${KEY_STORE_TABLE_NAME} k order by k.id`,
  );
  return rows.map((row) => row.key);
}

/** Puts keys into a restored database's key store, as its superuser, in the restore's transaction. */
export async function loadWrappedKeys(client: pg.ClientBase, keys: readonly WrappedKeyRow[]): Promise<void> {
  await client.query(
    `insert into ${KEY_STORE_TABLE_NAME}
     select * from jsonb_populate_recordset(null::${KEY_STORE_TABLE_NAME}, $1::jsonb)`,
    [JSON.stringify(keys)],
  );
}

/** Writes (or replaces, atomically: the blob store's temporary name then rename) a backup's copy. */
export async function writeKeyStoreCopy(
  blobStore: BlobStore,
  key: Buffer,
  backupId: string,
  keys: readonly WrappedKeyRow[],
): Promise<KeyStoreCopyRecord> {
  const plaintext = Buffer.from(JSON.stringify({ format: 'steward-key-store/1', backupId, keys }), 'utf8');
  const stored = await blobStore.put(
    keyStoreCopyKey(backupId),
    Readable.from(encryptChunks(Readable.from([plaintext]), key, backupId, 'key-store'), {
      objectMode: false,
    }),
  );
  return { sizeBytes: stored.sizeBytes, sha256: stored.sha256, keys: keys.length };
}

/**
 * A backup's key-store copy, authenticated: its size and SHA-256 against `expected` (the
 * manifest's; BACKUP_CORRUPT), then its GCM tag under the key with its own header as associated
 * data (BACKUP_UNAUTHENTIC: tampered, another key, another backup's copy or a dump).
 */
export async function readKeyStoreCopy(
  blobStore: BlobStore,
  key: Buffer,
  backupId: string,
  expected?: KeyStoreCopyRecord,
): Promise<{ keys: WrappedKeyRow[]; record: KeyStoreCopyRecord }> {
  const blob = await blobStore.get(keyStoreCopyKey(backupId));
  if (!blob) throw new BackupError('BACKUP_NOT_FOUND', `Backup ${backupId}: its key-store copy is gone`);
  const file = await readAll(blob.body);
  const sha256 = createHash('sha256').update(file).digest('hex');
  if (expected && (file.length !== expected.sizeBytes || sha256 !== expected.sha256)) {
    throw new BackupError(
      'BACKUP_CORRUPT',
      `Backup ${backupId}: its key-store copy's SHA-256 is not the one recorded`,
    );
  }
  const chunks: Buffer[] = [];
  await pipeline(
    Readable.from([file]),
    decryptingStream(key, backupId, 'key-store'),
    new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        chunks.push(chunk);
        done();
      },
    }),
  );
  let parsed: z.infer<typeof KeyStorePlaintext> | null = null;
  try {
    parsed = KeyStorePlaintext.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  } catch {
    parsed = null;
  }
  if (!parsed || parsed.backupId !== backupId) {
    throw new BackupError('BACKUP_CORRUPT', `Backup ${backupId}: its key-store copy does not parse`);
  }
  return { keys: parsed.keys, record: { sizeBytes: file.length, sha256, keys: parsed.keys.length } };
}

const manifestIfAny = async (blobStore: BlobStore, backupId: string): Promise<BackupManifest | null> => {
  const blob = await blobStore.get(backupManifestKey(backupId));
  blob?.body.destroy();
  return blob ? readManifest(blobStore, backupId) : null;
};

const sameRecord = (a: KeyStoreCopyRecord | undefined, b: KeyStoreCopyRecord) =>
  a?.sha256 === b.sha256 && a.sizeBytes === b.sizeBytes && a.keys === b.keys;

export interface PurgeResult {
  /** Copies read. */
  copies: number;
  /** Copies rewritten without destroyed keys. */
  rewritten: number;
  /** Keys taken out, over all copies. */
  removed: number;
}

/**
 * Rewrites every key-store copy in the blob store that holds one of `destroyedKeyIds` without it:
 * read, authenticated, filtered, re-encrypted, written under a temporary name then renamed over
 * it, and the manifest's record of it rewritten (also when an earlier pass died between the two).
 * Run under the lock (KEY_STORE_COPIES_XACT_LOCK or withKeyStoreCopiesLocked). A copy that does not
 * open under the key throws: the caller fails (and retries) rather than leave a key behind.
 */
export async function purgeKeyStoreCopies(
  blobStore: BlobStore,
  key: Buffer,
  destroyedKeyIds: Iterable<string>,
): Promise<PurgeResult> {
  const destroyed = new Set([...destroyedKeyIds].map((id) => id.toLowerCase()));
  const result: PurgeResult = { copies: 0, rewritten: 0, removed: 0 };
  for (const name of await blobStore.list(KEY_STORE_PREFIX)) {
    const backupId = COPY_NAME.exec(name)?.[1];
    if (!backupId) continue;
    const copy = await readKeyStoreCopy(blobStore, key, backupId);
    result.copies += 1;
    const kept = copy.keys.filter((row) => !destroyed.has(row.id.toLowerCase()));
    let record = copy.record;
    if (kept.length < copy.keys.length) {
      record = await writeKeyStoreCopy(blobStore, key, backupId, kept);
      result.rewritten += 1;
      result.removed += copy.keys.length - kept.length;
    }
    const manifest = await manifestIfAny(blobStore, backupId);
    if (manifest && !sameRecord(manifest.keyStore, record)) {
      await writeManifest(blobStore, { ...manifest, keyStore: record });
    }
  }
  return result;
}
