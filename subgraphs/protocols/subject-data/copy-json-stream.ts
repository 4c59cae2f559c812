import { Readable } from 'node:stream';
import type pg from 'pg';
import { CopyTextToJson, type RecordField } from './copy-text-json.ts';

// PostgreSQL protocol message types met during COPY TO STDOUT.
const COPY_DATA = 0x64; // d
const COPY_DONE = 0x63; // c
const ERROR_RESPONSE = 0x45; // E
const COPY_OUT_RESPONSE = 0x48; // H
const NOTICE_RESPONSE = 0x4e; // N
const PARAMETER_STATUS = 0x53; // S
const NOTIFICATION_RESPONSE = 0x41; // A
const HEADER = 5;
const NEWLINE = 0x0a;

/**
 * A `COPY … TO STDOUT` (text format) run through pg as a submittable query, whose rows come out as
 * JSON Lines. It reads the protocol from the socket itself, as pg-copy-streams does, but converts
 * each row where it lies in the socket's buffer: PostgreSQL sends one CopyData message per row,
 * so no row is cut out, searched for its newline or copied first. Backpressure reaches the socket.
 * Everything after CopyDone (or an error) goes back to pg, which completes the query.
 */
export class CopyJsonStream extends Readable {
  readonly #sql: string;
  readonly #converter: CopyTextToJson;
  #connection: pg.Connection | null = null;
  #pgOnData: ((chunk: Buffer) => void) | null = null;
  /** A message cut by the end of a socket chunk: its pieces so far. */
  #partial: Buffer[] = [];
  #partialLength = 0;
  #wanted = false;
  #reading = false;
  readonly #onReadable = () => this.#pump();

  constructor(sql: string, fields: readonly RecordField[]) {
    super();
    this.#sql = sql;
    this.#converter = new CopyTextToJson(fields);
  }

  /** Rows received so far. */
  get rows(): number {
    return this.#converter.rows;
  }

  /** Called by pg when the query's turn comes, with the connection whose socket this query reads. */
  submit(connection: pg.Connection): void {
    this.#connection = connection;
    const socket = connection.stream;
    const listeners = socket.listeners('data') as ((chunk: Buffer) => void)[];
    if (listeners.length !== 1) throw new Error('COPY: expected pg to be the socket’s only reader');
    this.#pgOnData = listeners[0]!;
    socket.removeListener('data', this.#pgOnData);
    socket.pause();
    socket.on('readable', this.#onReadable);
    connection.query(this.#sql);
    this.#pump();
  }

  override _read(): void {
    this.#wanted = true;
    this.#pump();
  }

  // pg's callbacks once it has the socket back.
  handleError(error: Error): void {
    this.destroy(error);
  }
  handleCommandComplete(): void {}
  handleReadyForQuery(): void {}

  #pump(): void {
    const socket = this.#connection?.stream;
    if (!socket || this.#reading || !this.#wanted) return;
    this.#reading = true;
    try {
      for (
        let chunk: Buffer | null;
        this.#wanted && this.#pgOnData && (chunk = socket.read() as Buffer | null);
      ) {
        this.#parse(chunk);
      }
    } catch (error) {
      // Rows that do not convert: the COPY is abandoned midway, and its connection with it (the
      // caller releases it as broken).
      socket.removeListener('readable', this.#onReadable);
      this.#pgOnData = null;
      this.destroy(error as Error);
    } finally {
      this.#reading = false;
    }
  }

  #parse(chunk: Buffer): void {
    let at = 0;
    if (this.#partialLength > 0) {
      at = this.#completePartial(chunk);
      if (at < 0) return;
    }
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (at + HEADER <= chunk.length) {
      const type = chunk[at]!;
      const end = at + 1 + chunk.readUInt32BE(at + 1);
      if (end > chunk.length) break;
      if (type === COPY_DATA) {
        if (chunk[end - 1] !== NEWLINE) throw new Error('COPY: a CopyData message that is not one row');
        this.#converter.row(chunk, view, at + HEADER, end - 1);
      } else if (!this.#control(type, chunk, at)) {
        return;
      }
      at = end;
    }
    if (at < chunk.length) {
      this.#partial.push(chunk.subarray(at));
      this.#partialLength = chunk.length - at;
    }
    this.#emit();
  }

  /**
   * Completes the message the last chunk left cut with the start of this one; returns where the
   * rest of the chunk starts, or -1 when the chunk is used up (or the COPY ended).
   */
  #completePartial(chunk: Buffer): number {
    let length = this.#partialLength + chunk.length;
    let head = Buffer.concat([...this.#partial, chunk.subarray(0, Math.min(chunk.length, HEADER))]);
    if (head.length < HEADER) {
      this.#partial = [head];
      this.#partialLength = head.length;
      return -1;
    }
    const total = 1 + head.readUInt32BE(1);
    if (length < total) {
      this.#partial.push(chunk);
      this.#partialLength = length;
      return -1;
    }
    const used = total - this.#partialLength;
    head = Buffer.concat([...this.#partial, chunk.subarray(0, used)]);
    this.#partial = [];
    this.#partialLength = 0;
    length = 0;
    if (head[0] === COPY_DATA) {
      if (head[total - 1] !== NEWLINE) throw new Error('COPY: a CopyData message that is not one row');
      this.#converter.row(head, new DataView(head.buffer, head.byteOffset, total), HEADER, total - 1);
    } else if (!this.#control(head[0]!, Buffer.concat([head, chunk.subarray(used)]), 0)) {
      return -1;
    }
    return used;
  }

  /** A message other than CopyData at `at`; false once the COPY is over and the socket back with pg. */
  #control(type: number, chunk: Buffer, at: number): boolean {
    switch (type) {
      case COPY_OUT_RESPONSE:
      case NOTICE_RESPONSE:
      case PARAMETER_STATUS:
      case NOTIFICATION_RESPONSE:
        return true;
      case COPY_DONE: {
        this.#emit(true);
        this.#converter.end();
        this.#detach(chunk.subarray(at + HEADER));
        this.push(null);
        return false;
      }
      default:
        // ErrorResponse, or anything ending copy-out: pg reads it and fails or completes the query.
        this.#emit(true);
        this.#detach(chunk.subarray(at));
        if (type !== ERROR_RESPONSE) this.push(null);
        return false;
    }
  }

  /** Hands on the JSON written so far: the filled blocks only, unless the COPY is over. */
  #emit(last = false): void {
    for (const json of this.#converter.take(!last)) {
      if (!this.push(json)) this.#wanted = false;
    }
  }

  /** Gives the socket back to pg, with the bytes it has to read next. */
  #detach(rest: Buffer): void {
    const socket = this.#connection!.stream;
    const pgOnData = this.#pgOnData!;
    this.#pgOnData = null;
    socket.removeListener('readable', this.#onReadable);
    socket.on('data', pgOnData);
    if (rest.length) pgOnData(rest);
    // The socket resumes after pg's handler is back in place (as pg-copy-streams does).
    process.nextTick(() => socket.resume());
  }
}
