import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { PART_MARKER } from '../../../../contracts/subject-data-export.ts';
import { writeAll } from './tar-writer.ts';

/** One part of the archive while it is collected: its scratch file, with its records' count, size and SHA-256. */
export class PartFile {
  readonly hash: Hash = createHash('sha256');
  readonly file: FileHandle;
  count = 0;
  bytes = 0;
  constructor(file: FileHandle) {
    this.file = file;
  }
}

const WRITE_SIZE = 1 << 20;

/**
 * Writes the parts' bytes through two large buffers, taking turns: a few big writes instead of one
 * per network chunk (a write through the thread pool costs more than copying its bytes), one in
 * flight while the other buffer fills. Two buffers in all, whatever the export's size.
 */
class CoalescingWriter {
  readonly #buffers: Buffer[] = [];
  #current = 0;
  #filled = 0;
  #file: FileHandle | null = null;
  #inFlight: Promise<void> = Promise.resolve();

  async append(file: FileHandle, bytes: Buffer): Promise<void> {
    if (file !== this.#file) {
      await this.#send();
      this.#file = file;
    }
    for (let offset = 0; offset < bytes.length;) {
      const buffer = (this.#buffers[this.#current] ??= Buffer.allocUnsafe(WRITE_SIZE));
      const copied = bytes.copy(buffer, this.#filled, offset);
      this.#filled += copied;
      offset += copied;
      if (this.#filled === WRITE_SIZE) await this.#send();
    }
  }

  async flush(): Promise<void> {
    await this.#send();
    await this.#inFlight;
  }

  async #send(): Promise<void> {
    if (!this.#filled) return;
    const bytes = this.#buffers[this.#current]!.subarray(0, this.#filled);
    // The other buffer is free once its write is done.
    await this.#inFlight;
    this.#inFlight = writeAll(this.#file!, bytes);
    // Awaited at the next turn or in flush; until then a failure must not count as unhandled.
    this.#inFlight.catch(() => {});
    this.#current ^= 1;
    this.#filled = 0;
  }
}

const NEWLINE = 0x0a;
const MARKER = PART_MARKER.charCodeAt(0);

/**
 * Routes a subgraph's export stream to the parts without parsing a record: a `#Type` line starts
 * that type's part, every other line is one record. Chunks are hashed, counted and written as
 * they come; only a `#Type` line cut between chunks is put together.
 */
export class PartRouter extends Writable {
  readonly #partOf: (type: string) => Promise<PartFile>;
  readonly #writer = new CoalescingWriter();
  #part: PartFile | null = null;
  #atLineStart = true;
  #marker: Buffer[] | null = null;

  constructor(partOf: (type: string) => Promise<PartFile>) {
    super();
    this.#partOf = partOf;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.#route(chunk).then(() => done(), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    if (this.#marker || !this.#atLineStart) {
      done(new Error('Export stream: cut off in the middle of a record'));
      return;
    }
    this.#writer.flush().then(() => done(), done);
  }

  /** Waits for the last write: call after the stream ended, or after it failed. */
  async settle(): Promise<void> {
    await this.#writer.flush();
  }

  async #route(chunk: Buffer): Promise<void> {
    let at = 0;
    if (this.#marker) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) {
        this.#marker.push(chunk);
        return;
      }
      this.#marker.push(chunk.subarray(0, newline));
      this.#part = await this.#partOf(Buffer.concat(this.#marker).toString('utf8', 1));
      this.#marker = null;
      at = newline + 1;
    }
    let from = at;
    let lines = 0;
    while (at < chunk.length) {
      if (this.#atLineStart && chunk[at] === MARKER) {
        await this.#append(chunk.subarray(from, at), lines);
        lines = 0;
        const newline = chunk.indexOf(NEWLINE, at);
        if (newline === -1) {
          this.#marker = [chunk.subarray(at)];
          return;
        }
        this.#part = await this.#partOf(chunk.toString('utf8', at + 1, newline));
        at = newline + 1;
        from = at;
        continue;
      }
      const newline = chunk.indexOf(NEWLINE, at);
      if (newline === -1) {
        this.#atLineStart = false;
        break;
      }
      if (newline > at || !this.#atLineStart) lines += 1;
      this.#atLineStart = true;
      at = newline + 1;
    }
    await this.#append(chunk.subarray(from), lines);
  }

  async #append(slice: Buffer, lines: number): Promise<void> {
    if (!slice.length) return;
    const part = this.#part;
    if (!part) throw new Error('Export stream: records before any part');
    part.hash.update(slice);
    part.count += lines;
    part.bytes += slice.length;
    await this.#writer.append(part.file, slice);
  }
}
