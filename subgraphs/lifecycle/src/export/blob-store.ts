import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredBlob {
  sizeBytes: number;
  /** SHA-256 (hex) of the blob's bytes. */
  sha256: string;
}

/**
 * Where archives live. A local folder by default; an object store implements the same
 * operations (a multipart upload for `put` and `putFile`, a ranged GET for `get`).
 */
export interface BlobStore {
  /** Writes the whole stream under `key`, atomically: a reader never sees a partial blob. */
  put(key: string, body: Readable): Promise<StoredBlob>;
  /**
   * Moves a finished file in under `key`, atomically (its writer measured it): an archive is
   * written once, where the export job builds it.
   */
  putFile(key: string, path: string): Promise<void>;
  /** The blob's bytes, or null when there is none. */
  get(key: string): Promise<{ body: Readable; sizeBytes: number } | null>;
  delete(key: string): Promise<void>;
  /** The keys under a folder-like prefix (a bucket listing), sorted; partial writes never appear. */
  list(prefix: string): Promise<string[]>;
}

/** Keys are slash-separated paths of [A-Za-z0-9._-] segments, never `..`. */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

export function localBlobStore(root: string): BlobStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`Invalid blob key ${key}`);
    const path = resolve(base, key);
    if (!path.startsWith(base + sep)) throw new Error(`Invalid blob key ${key}`);
    return path;
  };
  return {
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const partial = join(dirname(path), `.${randomUUID()}.partial`);
      const hash = createHash('sha256');
      let sizeBytes = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          sizeBytes += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(body, measure, createWriteStream(partial, { flags: 'wx' }));
        await rename(partial, path);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return { sizeBytes, sha256: hash.digest('hex') };
    },
    async putFile(key, source) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      try {
        await rename(source, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        // Another file system: copied beside the blob, then renamed over it.
        const partial = join(dirname(path), `.${randomUUID()}.partial`);
        try {
          await copyFile(source, partial);
          await rename(partial, path);
        } finally {
          await rm(partial, { force: true });
        }
        await rm(source, { force: true });
      }
    },
    async get(key) {
      const path = pathOf(key);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) return null;
      return { body: createReadStream(path), sizeBytes: info.size };
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async list(prefix) {
      const names = await readdir(pathOf(prefix), { recursive: true, withFileTypes: true }).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return [];
          throw error;
        },
      );
      return names
        .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
        .map((entry) => relative(base, join(entry.parentPath, entry.name)).split(sep).join('/'))
        .sort();
    },
  };
}
