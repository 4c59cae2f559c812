import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { decryptingStream } from './backup-cipher.ts';
import { z } from 'zod';
import type { BlobStore } from '../export/blob-store.ts';
import { BackupError } from './backup-error.ts';

/** Where a backup's encrypted dump and its manifest live in the blob store. */
export const BACKUP_PREFIX = 'backups';
export const backupDataKey = (id: string) => `${BACKUP_PREFIX}/${id}.stwbak`;
export const backupManifestKey = (id: string) => `${BACKUP_PREFIX}/${id}.json`;

/** The key-store copy written beside the dump (backups before #18 have none). */
export const KeyStoreCopyRecord = z.object({
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Data keys it holds: fewer after a deletion purged some. */
  keys: z.number().int().nonnegative(),
});
export type KeyStoreCopyRecord = z.infer<typeof KeyStoreCopyRecord>;

/**
 * Written beside the dump once it is complete: a restore with no database left to ask finds the
 * backup's digest and times here. No manifest, no good backup. A purge that rewrites the key-store
 * copy rewrites `keyStore` with it.
 */
export const BackupManifest = z.object({
  id: z.uuid(),
  snapshotAt: z.iso.datetime(),
  completedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  tables: z.number().int(),
  rows: z.number().int(),
  rowsByTable: z.record(z.string(), z.number().int()),
  keyStore: KeyStoreCopyRecord.optional(),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export async function writeManifest(blobStore: BlobStore, manifest: BackupManifest): Promise<void> {
  await blobStore.put(backupManifestKey(manifest.id), Readable.from([JSON.stringify(manifest, null, 2)]));
}

export const readAll = async (body: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** The manifest of a complete backup; a missing one is BACKUP_NOT_FOUND or, dump present, NOT_COMPLETED. */
export async function readManifest(blobStore: BlobStore, id: string): Promise<BackupManifest> {
  if (!z.uuid().safeParse(id).success) throw new BackupError('BACKUP_NOT_FOUND', `No backup ${id}`);
  const blob = await blobStore.get(backupManifestKey(id));
  if (!blob) {
    const data = await blobStore.get(backupDataKey(id));
    data?.body.destroy();
    throw data
      ? new BackupError('BACKUP_NOT_COMPLETED', `Backup ${id} never completed: it is no backup`)
      : new BackupError('BACKUP_NOT_FOUND', `No backup ${id}`);
  }
  const parsed = BackupManifest.safeParse(JSON.parse((await readAll(blob.body)).toString('utf8')));
  if (!parsed.success) throw new BackupError('BACKUP_CORRUPT', `Backup ${id}: its manifest does not parse`);
  return parsed.data;
}

/** The newest complete backup the blob store holds (that `fits`, when given), or null. */
export async function newestManifest(
  blobStore: BlobStore,
  fits: (manifest: BackupManifest) => boolean = () => true,
): Promise<BackupManifest | null> {
  let newest: BackupManifest | null = null;
  for (const key of await blobStore.list(BACKUP_PREFIX)) {
    const id = /^backups\/([0-9a-f-]{36})\.json$/.exec(key)?.[1];
    if (!id) continue;
    const manifest = await readManifest(blobStore, id);
    if (fits(manifest) && (!newest || manifest.snapshotAt > newest.snapshotAt)) newest = manifest;
  }
  return newest;
}

/**
 * Reads the whole dump once before anything acts on it: its size and SHA-256 against the manifest
 * (BACKUP_CORRUPT), then its GCM tag under the key (BACKUP_UNAUTHENTIC), the plaintext discarded.
 * So a restore never loads a byte that did not authenticate, whatever the file's fault.
 */
export async function authenticateDump(
  blobStore: BlobStore,
  manifest: BackupManifest,
  key: Buffer,
): Promise<void> {
  const dump = async () => {
    const blob = await blobStore.get(backupDataKey(manifest.id));
    if (!blob) throw new BackupError('BACKUP_NOT_FOUND', `Backup ${manifest.id}: its dump is gone`);
    return blob;
  };
  const blob = await dump();
  const hash = createHash('sha256');
  for await (const chunk of blob.body) hash.update(chunk as Buffer);
  if (blob.sizeBytes !== manifest.sizeBytes || hash.digest('hex') !== manifest.sha256) {
    throw new BackupError('BACKUP_CORRUPT', `Backup ${manifest.id}: its SHA-256 is not the one recorded`);
  }
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline((await dump()).body, decryptingStream(key, manifest.id), discard);
}
