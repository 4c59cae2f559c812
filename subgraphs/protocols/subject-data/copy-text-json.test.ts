import { describe, expect, it } from '@jest/globals';
import { CopyTextToJson, columnsOf, recycleBlock, type RecordField } from './copy-text-json.ts';

/** A value as COPY's text format writes it (CopyAttributeOutText): `\N` for null, escapes for the rest. */
function copyText(value: string | null): string {
  if (value === null) return '\\N';
  const escapes: Record<string, string> = {
    '\\': '\\\\',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
  };
  return value.replace(/[\\\b\f\n\r\t\v]/g, (c) => escapes[c]!);
}

const row = (...values: (string | null)[]) => `${values.map(copyText).join('\t')}\n`;

function convert(fields: RecordField[], text: string, splitAt: number[] = []): string {
  const bytes = Buffer.from(text, 'utf8');
  const converter = new CopyTextToJson(fields);
  const output: Buffer[] = [];
  let from = 0;
  for (const at of [...splitAt, bytes.length]) {
    output.push(...converter.push(bytes.subarray(from, at)));
    from = at;
  }
  converter.end();
  return Buffer.concat(output).toString('utf8');
}

const strings: RecordField[] = [
  { name: 'id', kind: 'string' },
  { name: 'body', kind: 'string' },
];
const awkward = [
  '',
  'plain',
  'quote " and backslash \\ and \\N',
  'tab\there, newline\nthere, return\r, \b\f\v',
  'control \u0001\u001f and delete \u007f',
  'unicode: é, 漢字, emoji 🎉, RTL \u202e',
  '\\',
  '"',
  '\\N',
  'N',
];

describe('COPY text to JSON Lines', () => {
  it('writes strings exactly as JSON.stringify (and PostgreSQL) do, nulls as null', () => {
    const text = awkward.map((value, index) => row(String(index), value)).join('') + row('x', null);
    const expected =
      awkward.map((value, index) => `{"id":"${index}","body":${JSON.stringify(value)}}\n`).join('') +
      '{"id":"x","body":null}\n';
    expect(convert(strings, text)).toBe(expected);
  });

  it('gives the same output however the stream is cut, mid-character or mid-escape included', () => {
    const text = awkward.map((value, index) => row(String(index), value)).join('');
    const whole = convert(strings, text);
    const length = Buffer.byteLength(text);
    for (let at = 1; at < length; at += 1) expect(convert(strings, text, [at])).toBe(whole);
    expect(convert(strings, text, [1, 2, 3, 5, 8, 13, 21, 34, 55, 89])).toBe(whole);
  });

  it('writes timestamps in to_json form: T, and minutes on whole-hour offsets', () => {
    const fields: RecordField[] = [{ name: 'at', kind: 'timestamp' }];
    const cases: [string, string][] = [
      ['2026-11-21 05:20:47.971+00', '2026-11-21T05:20:47.971+00:00'],
      ['2026-11-21 05:20:47+05:30', '2026-11-21T05:20:47+05:30'],
      ['1900-01-01 00:00:00-00:09:21', '1900-01-01T00:00:00-00:09:21'],
      ['2026-11-21 05:20:47.123456-08', '2026-11-21T05:20:47.123456-08:00'],
      ['0044-03-15 12:00:00+00 BC', '0044-03-15T12:00:00+00:00 BC'],
      ['2026-11-21 05:20:47', '2026-11-21T05:20:47'],
      ['infinity', 'infinity'],
      ['-infinity', '-infinity'],
    ];
    const text = cases.map(([value]) => row(value)).join('') + row(null);
    const expected = cases.map(([, json]) => `{"at":"${json}"}\n`).join('') + '{"at":null}\n';
    expect(convert(fields, text)).toBe(expected);
  });

  it('writes numbers and booleans bare, NaN and Infinity quoted', () => {
    const fields: RecordField[] = [
      { name: 'n', kind: 'number' },
      { name: 'ok', kind: 'boolean' },
    ];
    const text =
      row('42', 't') + row('-1.50', 'f') + row('1e+100', null) + row('NaN', 't') + row('-Infinity', 'f');
    expect(convert(fields, text)).toBe(
      '{"n":42,"ok":true}\n{"n":-1.50,"ok":false}\n{"n":1e+100,"ok":null}\n{"n":"NaN","ok":true}\n{"n":"-Infinity","ok":false}\n',
    );
  });

  it('passes json and jsonb through, line breaks as spaces so a record stays on one line', () => {
    const fields: RecordField[] = [{ name: 'doc', kind: 'json' }];
    const values = [
      '{"a": 1, "b": [true, null], "s": "tab\\t quote\\" backslash\\\\ é 🎉"}',
      '{\n  "pretty": "printed"\r\n}',
      '"just a string"',
      '[]',
    ];
    const output = convert(fields, values.map((value) => row(value)).join('') + row(null));
    const lines = output.split('\n');
    expect(lines).toHaveLength(values.length + 2);
    expect(lines.slice(0, -1).map((line) => JSON.parse(line) as unknown)).toEqual([
      ...values.map((value) => ({ doc: JSON.parse(value) as unknown })),
      { doc: null },
    ]);
    expect(lines[0]).toBe(`{"doc":${values[0]}}`);
  });

  it('builds nested objects from their columns, in order', () => {
    const fields: RecordField[] = [
      { name: 'id', kind: 'string' },
      {
        name: 'actor',
        fields: [
          { name: 'type', kind: 'string' },
          { name: 'id', kind: 'string' },
        ],
      },
      { name: 'at', kind: 'timestamp' },
    ];
    expect(columnsOf(fields)).toBe(4);
    expect(convert(fields, row('e1', 'USER', null, '2026-01-02 03:04:05+00'))).toBe(
      '{"id":"e1","actor":{"type":"USER","id":null},"at":"2026-01-02T03:04:05+00:00"}\n',
    );
  });

  it('copies uuids as they are', () => {
    const fields: RecordField[] = [
      { name: 'id', kind: 'uuid' },
      { name: 'by', kind: 'uuid' },
    ];
    const id = '0b7d9c1e-3f4a-4b5c-8d6e-7f8091a2b3c4';
    expect(convert(fields, row(id, null) + row(null, id), [40])).toBe(
      `{"id":"${id}","by":null}\n{"id":null,"by":"${id}"}\n`,
    );
    expect(() => convert(fields, row('not-a-uuid', id))).toThrow(/uuid/);
  });

  it('refuses rows with the wrong number of columns, and a stream cut mid-row', () => {
    expect(() => convert(strings, row('only one'))).toThrow(/expected 2 columns/);
    expect(() => convert(strings, row('a', 'b', 'c'))).toThrow(/expected 2 columns/);
    expect(() => convert(strings, 'a\tb')).toThrow(/cut off/);
  });

  it('keeps large outputs whole across its output blocks', () => {
    const long = 'x'.repeat(100_000);
    const text = Array.from({ length: 20 }, (_, index) => row(String(index), `${long}\n${index}`)).join('');
    const lines = convert(strings, text).trimEnd().split('\n');
    expect(lines).toHaveLength(20);
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(
      Array.from({ length: 20 }, (_, index) => ({ id: String(index), body: `${long}\n${index}` })),
    );
  });

  it('fills a block given back with new rows, and hands each block on once', () => {
    const text = Array.from({ length: 3000 }, (_, index) => row(String(index), 'y'.repeat(200))).join('');
    const first = new CopyTextToJson(strings);
    const blocks = first.push(Buffer.from(text));
    const copies = blocks.map((block) => Buffer.from(block));
    expect(new Set(blocks.map((block) => block.buffer)).size).toBe(blocks.length);
    for (const block of blocks) recycleBlock(block);
    // Given back twice (a caller's mistake), a block is still taken back once.
    for (const block of blocks) recycleBlock(block);
    const second = new CopyTextToJson(strings);
    const again = second.push(Buffer.from(text));
    expect(again.some((block) => blocks.some((old) => old.buffer === block.buffer))).toBe(true);
    expect(new Set(again.map((block) => block.buffer)).size).toBe(again.length);
    expect(Buffer.concat(again).equals(Buffer.concat(copies))).toBe(true);
  });
});
