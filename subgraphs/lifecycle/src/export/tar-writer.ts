import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/** One file of a tar archive, read from disk when its turn comes. */
export interface TarEntry {
  name: string;
  path: string;
  sizeBytes: number;
  mtime: Date;
}

const BLOCK = 512;

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

/** An uncompressed tar of the entries, streamed file by file: memory stays flat. */
export function tarStream(entries: readonly TarEntry[]): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (const entry of entries) {
      yield tarHeader(entry.name, entry.sizeBytes, entry.mtime);
      let written = 0;
      for await (const chunk of createReadStream(entry.path)) {
        const buffer = chunk as Buffer;
        written += buffer.length;
        yield buffer;
      }
      if (written !== entry.sizeBytes) throw new Error(`${entry.name} changed while archived`);
      const padding = (BLOCK - (written % BLOCK)) % BLOCK;
      if (padding) yield Buffer.alloc(padding);
    }
    yield Buffer.alloc(BLOCK * 2);
  }
  return Readable.from(chunks());
}

/** Reads a tar produced by tarStream back into name → content (tests, small archives). */
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
