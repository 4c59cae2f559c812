/**
 * Turns the rows of a `COPY … TO STDOUT` (text format) into JSON Lines, byte by byte: no string,
 * object or array per row. Each value comes out as PostgreSQL's `to_json` writes it, so an export
 * reads the same as one built by `json_build_object`, at a fraction of the database's CPU.
 * One module on purpose: with the value writers imported from another, V8 ran it 40% slower.
 */

/** How a column's text becomes JSON; columns of any other type are selected as `to_json(…)`. */
export type ValueKind = 'string' | 'uuid' | 'timestamp' | 'number' | 'boolean' | 'json';

/** One key of a record: a column, or an object built from several (`nested` fields). */
export type RecordField = { name: string; kind: ValueKind } | { name: string; fields: RecordField[] };

const KIND_CODES: Record<ValueKind, number> = {
  string: 0,
  timestamp: 1,
  number: 2,
  boolean: 3,
  json: 4,
  uuid: 5,
};
const STRING = 0;
const TIMESTAMP = 1;
const NUMBER = 2;
const BOOLEAN = 3;
const UUID = 5;
const UUID_LENGTH = 36;

const TAB = 0x09;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const MINUS = 0x2d;
const BACKSLASH = 0x5c;
const LOWER_T = 0x74;
const UPPER_N = 0x4e;
const UPPER_T = 0x54;
const HEX = Buffer.from('0123456789abcdef', 'latin1');
const NULL = Buffer.from('null', 'latin1');
const TRUE = Buffer.from('true', 'latin1');
const FALSE = Buffer.from('false', 'latin1');
const ZERO_MINUTES = Buffer.from(':00', 'latin1');

/** The byte a COPY text escape `\<c>` stands for (COPY TO writes only these, and `\\`). */
const UNESCAPED = new Uint8Array(256).map((_, c) => c);
for (const [letter, byte] of [
  ['b', 0x08],
  ['f', 0x0c],
  ['n', 0x0a],
  ['r', 0x0d],
  ['t', 0x09],
  ['v', 0x0b],
] as const) {
  UNESCAPED[letter.charCodeAt(0)] = byte;
}

/** JSON's two-byte escapes, as PostgreSQL's escape_json writes them; other control bytes get \u00XX. */
const SHORT_ESCAPE = new Uint8Array(128);
for (const [byte, letter] of [
  [0x08, 'b'],
  [0x0c, 'f'],
  [0x0a, 'n'],
  [0x0d, 'r'],
  [0x09, 't'],
  [QUOTE, '"'],
  [BACKSLASH, '\\'],
] as const) {
  SHORT_ESCAPE[byte] = letter.charCodeAt(0);
}

/** A flat program: for each column, the bytes before its value and how to write the value. */
interface Step {
  prefix: DataView;
  kind: number;
}

function compile(fields: readonly RecordField[]): { steps: Step[]; suffix: DataView } {
  const steps: Step[] = [];
  let pending = '';
  const walk = (list: readonly RecordField[]) => {
    pending += '{';
    list.forEach((field, index) => {
      pending += `${index ? ',' : ''}${JSON.stringify(field.name)}:`;
      if ('fields' in field) {
        walk(field.fields);
      } else {
        steps.push({ prefix: viewOf(Buffer.from(pending, 'utf8')), kind: KIND_CODES[field.kind] });
        pending = '';
      }
    });
    pending += '}';
  };
  walk(fields);
  return { steps, suffix: viewOf(Buffer.from(`${pending}\n`, 'utf8')) };
}

/** The columns a record reads, in COPY order (depth first, as `compile` walks them). */
export function columnsOf(fields: readonly RecordField[]): number {
  return fields.reduce((sum, field) => sum + ('fields' in field ? columnsOf(field.fields) : 1), 0);
}

/** Output is handed on in blocks this large: each is one write to the response's socket. */
const OUTPUT_BLOCK = 256 * 1024;

/**
 * Blocks given back once written (`recycleBlock`), for the next rows of any converter. A new
 * block per 256 KiB is memory V8 counts as external, and every 64 MiB of it started a full
 * garbage collection: three or four per million rows (docs/PERFORMANCE.md, Lifecycle).
 */
const spareBlocks: Buffer[] = [];
const MAX_SPARE_BLOCKS = 8;
const ownBlocks = new WeakSet<ArrayBufferLike>();

function newBlock(): Buffer {
  const block = spareBlocks.pop() ?? Buffer.allocUnsafe(OUTPUT_BLOCK);
  ownBlocks.add(block.buffer);
  return block;
}

/**
 * Takes back a block handed on by a converter once nothing reads it any more (its socket write
 * is done). Anything else is left to the garbage collector.
 */
export function recycleBlock(json: Buffer): void {
  if (json.byteOffset !== 0 || !ownBlocks.has(json.buffer) || spareBlocks.length >= MAX_SPARE_BLOCKS) return;
  // A block is handed on once (see #seal): given back twice, it would be filled twice at once.
  ownBlocks.delete(json.buffer);
  spareBlocks.push(Buffer.from(json.buffer, 0, OUTPUT_BLOCK));
}

/**
 * A converter for one type's COPY stream. `push` takes chunks as they come (rows may be split
 * across them) and returns the JSON Lines of the rows completed so far; `end` checks nothing is
 * left over.
 */
export class CopyTextToJson {
  readonly #steps: Step[];
  readonly #suffix: DataView;
  /** Bytes a row's JSON adds beside its values (keys, braces): the bound for a row's output. */
  readonly #overhead: number;
  #out: Buffer = Buffer.allocUnsafe(0);
  #outView = viewOf(this.#out);
  #at = 0;
  #carry: Buffer | null = null;
  #ready: Buffer[] = [];
  /** Rows converted so far. */
  rows = 0;

  constructor(fields: readonly RecordField[]) {
    const { steps, suffix } = compile(fields);
    if (!steps.length) throw new Error('A record needs at least one column');
    this.#steps = steps;
    this.#suffix = suffix;
    this.#overhead = steps.reduce((sum, step) => sum + step.prefix.byteLength + 8, suffix.byteLength);
  }

  /** Converts the complete rows of `chunk` (newline-separated), keeping a partial last row for the next. */
  push(chunk: Buffer): Buffer[] {
    let start = 0;
    if (this.#carry) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) {
        this.#carry = Buffer.concat([this.#carry, chunk]);
        return [];
      }
      const row = Buffer.concat([this.#carry, chunk.subarray(0, newline + 1)]);
      this.#carry = null;
      this.row(row, viewOf(row), 0, row.length - 1);
      start = newline + 1;
    }
    const view = viewOf(chunk);
    for (
      let newline = chunk.indexOf(NEWLINE, start);
      newline !== -1;
      newline = chunk.indexOf(NEWLINE, start)
    ) {
      this.row(chunk, view, start, newline);
      start = newline + 1;
    }
    if (start < chunk.length) this.#carry = Buffer.from(chunk.subarray(start));
    return this.take();
  }

  end(): void {
    if (this.#carry) throw new Error('COPY stream cut off in the middle of a row');
  }

  /**
   * The JSON Lines written since the last call; with `fullOnly`, only the blocks filled up (fewer,
   * larger writes downstream), the rest waiting for the next call.
   */
  take(fullOnly = false): Buffer[] {
    if (!fullOnly) this.#seal();
    const ready = this.#ready;
    this.#ready = [];
    return ready;
  }

  /** Hands on the block's rows; the next row starts a new block, so a block goes out once. */
  #seal(): void {
    if (this.#at > 0) {
      this.#ready.push(this.#out.subarray(0, this.#at));
      this.#out = Buffer.allocUnsafe(0);
      this.#outView = viewOf(this.#out);
    }
    this.#at = 0;
  }

  /** One row, `src[start, end)` without its newline (`view` over `src`), appended to the output. */
  row(src: Buffer, view: DataView, start: number, end: number): void {
    // A byte of COPY text becomes at most 6 of JSON (a control byte as \u00XX).
    const bound = (end - start) * 6 + this.#overhead;
    if (this.#out.length - this.#at < bound) {
      this.#seal();
      this.#out = bound <= OUTPUT_BLOCK ? newBlock() : Buffer.allocUnsafe(bound);
      this.#outView = viewOf(this.#out);
    }
    const out = this.#out;
    const outView = this.#outView;
    let o = this.#at;
    let i = start;
    const steps = this.#steps;
    for (let s = 0; s < steps.length; s += 1) {
      const step = steps[s]!;
      if (s > 0) {
        if (src[i] !== TAB) throw new Error(`COPY row ${this.rows + 1}: expected ${steps.length} columns`);
        i += 1;
      }
      o = copyView(step.prefix, 0, step.prefix.byteLength, outView, o);
      if (src[i] === BACKSLASH && src[i + 1] === UPPER_N && (i + 2 === end || src[i + 2] === TAB)) {
        o = copy(NULL, 0, 4, out, o);
        i += 2;
        continue;
      }
      if (step.kind === UUID) {
        // PostgreSQL writes a uuid as 36 hex digits and dashes: nothing to scan or escape.
        if (i + UUID_LENGTH !== end && src[i + UUID_LENGTH] !== TAB) {
          throw new Error(`COPY row ${this.rows + 1}: a uuid of unexpected length`);
        }
        out[o++] = QUOTE;
        o = copyView(view, i, UUID_LENGTH, outView, o);
        out[o++] = QUOTE;
        i += UUID_LENGTH;
        continue;
      }
      const fieldEnd = fieldEndOf(src, i, end);
      switch (step.kind) {
        case STRING:
          o = writeString(src, i, fieldEnd, out, o);
          break;
        case TIMESTAMP:
          o = writeTimestamp(src, i, fieldEnd, out, o);
          break;
        case NUMBER:
          o = writeNumber(src, i, fieldEnd, out, o);
          break;
        case BOOLEAN:
          o = src[i] === LOWER_T ? copy(TRUE, 0, 4, out, o) : copy(FALSE, 0, 5, out, o);
          break;
        default:
          o = writeJson(src, i, fieldEnd, out, o);
      }
      i = fieldEnd;
    }
    if (i !== end) throw new Error(`COPY row ${this.rows + 1}: expected ${steps.length} columns`);
    o = copyView(this.#suffix, 0, this.#suffix.byteLength, outView, o);
    this.#at = o;
    this.rows += 1;
  }
}

const viewOf = (buffer: Buffer) => new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** `length` bytes from `src` at `from` into `out` at `o`, four at a time: short copies, no allocation. */
function copyView(src: DataView, from: number, length: number, out: DataView, o: number): number {
  let k = 0;
  for (; k + 4 <= length; k += 4) out.setUint32(o + k, src.getUint32(from + k, true), true);
  for (; k < length; k += 1) out.setUint8(o + k, src.getUint8(from + k));
  return o + length;
}

/** Where a field ends: the next raw tab (an escaped one is `\t`), or the row's end. */
function fieldEndOf(src: Buffer, from: number, end: number): number {
  let at = from;
  while (at < end && src[at] !== TAB) at += 1;
  return at;
}

/** `src[from, to)` into `out` at `o`; a loop beats a native call on a few bytes, as these are. */
function copy(src: Buffer, from: number, to: number, out: Buffer, o: number): number {
  for (let at = from; at < to; at += 1) out[o++] = src[at]!;
  return o;
}

/** Writes byte `c` of a string's content, JSON-escaped as PostgreSQL's escape_json does. */
function writeEscaped(c: number, out: Buffer, o: number): number {
  const short = c < 0x80 ? SHORT_ESCAPE[c]! : 0;
  if (short) {
    out[o] = BACKSLASH;
    out[o + 1] = short;
    return o + 2;
  }
  if (c < SPACE) {
    out.write('\\u00', o, 'latin1');
    out[o + 4] = HEX[c >> 4]!;
    out[o + 5] = HEX[c & 15]!;
    return o + 6;
  }
  out[o] = c;
  return o + 1;
}

/** COPY text → a JSON string. UTF-8 bytes above 0x7f pass as they are. */
function writeString(src: Buffer, i: number, end: number, out: Buffer, o: number): number {
  out[o++] = QUOTE;
  while (i < end) {
    let c = src[i++]!;
    if (c === BACKSLASH) c = UNESCAPED[src[i++]!]!;
    if (c < SPACE || c === QUOTE || c === BACKSLASH) o = writeEscaped(c, out, o);
    else out[o++] = c;
  }
  out[o++] = QUOTE;
  return o;
}

/**
 * ISO text (`2026-11-21 05:20:47.97+00`) → the XSD form `to_json` writes
 * (`"2026-11-21T05:20:47.97+00:00"`): a T for the first space, minutes on a whole-hour offset.
 * `infinity` and the ` BC` suffix pass as they are.
 */
function writeTimestamp(src: Buffer, i: number, end: number, out: Buffer, o: number): number {
  out[o++] = QUOTE;
  const space = src.indexOf(SPACE, i);
  if (space === -1 || space >= end) {
    o = copy(src, i, end, out, o);
    out[o++] = QUOTE;
    return o;
  }
  o = copy(src, i, space, out, o);
  out[o++] = UPPER_T;
  let at = space + 1;
  while (at < end && src[at] !== PLUS && src[at] !== MINUS && src[at] !== SPACE) at += 1;
  o = copy(src, space + 1, at, out, o);
  if (at < end && src[at] !== SPACE) {
    let offsetEnd = at + 1;
    while (offsetEnd < end && src[offsetEnd] !== SPACE) offsetEnd += 1;
    o = copy(src, at, offsetEnd, out, o);
    if (offsetEnd - at === 3) o = copy(ZERO_MINUTES, 0, 3, out, o);
    at = offsetEnd;
  }
  o = copy(src, at, end, out, o);
  out[o++] = QUOTE;
  return o;
}

/** A number as is; `NaN`, `Infinity` (not JSON numbers) quoted, as `to_json` does. */
function writeNumber(src: Buffer, i: number, end: number, out: Buffer, o: number): number {
  const last = src[end - 1]!;
  if (last >= 0x30 && last <= 0x39) return copy(src, i, end, out, o);
  out[o++] = QUOTE;
  o = copy(src, i, end, out, o);
  out[o++] = QUOTE;
  return o;
}

/**
 * JSON text as PostgreSQL holds it, unescaped from COPY. A `json` value may keep the line breaks
 * it was written with: outside strings they are whitespace, so they become spaces and each
 * record stays on one line.
 */
function writeJson(src: Buffer, i: number, end: number, out: Buffer, o: number): number {
  while (i < end) {
    let c = src[i++]!;
    if (c === BACKSLASH) {
      c = UNESCAPED[src[i++]!]!;
      if (c === NEWLINE || c === RETURN) c = SPACE;
    }
    out[o++] = c;
  }
  return o;
}
