import type { Readable } from 'node:stream';
import { BackupError } from './backup-error.ts';

/**
 * The plaintext of a backup: frames of one type byte, a 32-bit length and the payload.
 * H: the header (JSON), T: a table's start (JSON), D: a chunk of its COPY text, E: its end (JSON
 * row count), Z: the trailer (JSON totals). A dump without its trailer is incomplete.
 */
export type FrameType = 'H' | 'T' | 'D' | 'E' | 'Z';

export interface Frame {
  type: FrameType;
  payload: Buffer;
}

const TYPES = new Set<string>(['H', 'T', 'D', 'E', 'Z']);

export function frame(type: FrameType, payload: Buffer | object): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload), 'utf8');
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** The frames of a decrypted stream, in order; a cut frame is BACKUP_CORRUPT. */
export async function* readFrames(stream: Readable): AsyncGenerator<Frame> {
  let buffer: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    buffer = buffer.length ? Buffer.concat([buffer, chunk as Buffer]) : (chunk as Buffer);
    while (buffer.length >= 5) {
      const type = buffer.toString('latin1', 0, 1);
      if (!TYPES.has(type)) throw new BackupError('BACKUP_CORRUPT', 'The backup holds an unknown frame');
      const length = buffer.readUInt32BE(1);
      if (buffer.length < 5 + length) break;
      yield { type: type as FrameType, payload: buffer.subarray(5, 5 + length) };
      buffer = buffer.subarray(5 + length);
    }
  }
  if (buffer.length) throw new BackupError('BACKUP_CORRUPT', 'The backup ends inside a frame');
}

export const jsonOf = <T>(payload: Buffer): T => JSON.parse(payload.toString('utf8')) as T;
