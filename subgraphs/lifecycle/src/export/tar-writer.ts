import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { StoredBlob } from './blob-store.ts';

/** One file of a tar archive, read from disk when its turn comes. */
export interface TarEntry {
  name: string;
  path: string;
  sizeBytes: number;
  mtime: Date;
}

const BLOCK = 512;
/** Bytes copied per read of an entry's file into the archive. */
const COPY_SIZE = 1 << 20;
/**
 * Buffers taking turns: one read from a part, one hashed, one written. The hash is the work on
 * this thread; the reads and writes run on the thread pool meanwhile, on the core that is idle
 * once the parts are in.
 */
const TURNS = 3;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0');
}

/** A POSIX ustar header for a regular file (names up to 100 bytes, sizes below 8 GiB). */
export function tarHeader(name: string, sizeBytes: number, mtime: Date): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`Tar entry name too long: ${name}`);
  if (sizeBytes >= 8 ** 11) throw new Error(`Tar entry too large: ${name}`);
  const header = Buffer.alloc(BLOCK);
  nameBytes.copy(header, 0);
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(sizeBytes, 12), 124, 'ascii');
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  header.fill(' ', 148, 156);
  header.write('0', 156, 'ascii');
  header.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${octal(sum, 7)}\u0000 `, 148, 'ascii');
  return header;
}

/**
 * Writes all of `bytes` to the file (a write may take fewer bytes than given): at `position`, or
 * at the file's current position when null.
 */
export async function writeAll(
  file: FileHandle,
  bytes: Buffer,
  position: number | null = null,
): Promise<void> {
  for (let offset = 0; offset < bytes.length;) {
    const at = position === null ? null : position + offset;
    const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset, at);
    offset += bytesWritten;
  }
}

/**
 * Writes an uncompressed tar of the entries to `path` (a new file), file by file, and returns its
 * size and SHA-256. Three buffers carry every file's bytes: memory stays flat, and nothing is left
 * for the garbage collector. Each write lands at its own offset, so it need not wait for the last.
 */
export async function writeTar(path: string, entries: readonly TarEntry[]): Promise<StoredBlob> {
  const archive = await open(path, 'wx');
  const hash = createHash('sha256');
  const buffers = Array.from({ length: TURNS }, () => Buffer.allocUnsafe(COPY_SIZE));
  // A buffer's write in flight: the buffer is read into again only once it is done.
  const writing: Promise<void>[] = buffers.map(() => Promise.resolve());
  const small: Promise<void>[] = [];
  let sizeBytes = 0;
  let turn = 0;
  const append = (bytes: Buffer): Promise<void> => {
    hash.update(bytes);
    const written = writeAll(archive, bytes, sizeBytes);
    // Awaited before the buffer's next turn or at the end; until then a failure is not unhandled.
    written.catch(() => {});
    sizeBytes += bytes.length;
    return written;
  };
  try {
    for (const entry of entries) {
      small.push(append(tarHeader(entry.name, entry.sizeBytes, entry.mtime)));
      const file = await open(entry.path, 'r');
      let written = 0;
      try {
        await writing[turn];
        let reading = file.read(buffers[turn]!, 0, COPY_SIZE, null);
        for (;;) {
          const { bytesRead } = await reading;
          if (!bytesRead) break;
          // The next bytes are read into the next buffer while this one is hashed.
          const next = (turn + 1) % TURNS;
          await writing[next];
          reading = file.read(buffers[next]!, 0, COPY_SIZE, null);
          writing[turn] = append(buffers[turn]!.subarray(0, bytesRead));
          written += bytesRead;
          turn = next;
        }
      } finally {
        await file.close();
      }
      if (written !== entry.sizeBytes) throw new Error(`${entry.name} changed while archived`);
      const padding = (BLOCK - (written % BLOCK)) % BLOCK;
      if (padding) small.push(append(Buffer.alloc(padding)));
    }
    small.push(append(Buffer.alloc(BLOCK * 2)));
    await Promise.all([...writing, ...small]);
  } finally {
    await Promise.allSettled([...writing, ...small]);
    await archive.close();
  }
  return { sizeBytes, sha256: hash.digest('hex') };
}

/** Reads a tar produced by writeTar back into name → content (tests, small archives). */
export function readTar(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
    offset += BLOCK;
    files.set(name, archive.subarray(offset, offset + size));
    offset += Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}
