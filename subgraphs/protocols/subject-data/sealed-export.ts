import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { fieldPlace, type ContentSealer, type SealedAt } from '../../../platform/crypto/sealed-content.ts';
import { recycleBlock } from './copy-text-json.ts';
import type { SealedExport } from './subject-data.ts';

/**
 * A type's JSON Lines with its SHRED fields opened: an export carries the plaintext (null where
 * the key was destroyed). A value that does not authenticate fails the export with the coded
 * DATA_INTEGRITY error rather than export garbage. Only types with SHRED fields take this path
 * (an organization, its projects, a user: few rows); the others stream as COPY writes them.
 */
export function openSealedLines(copy: Readable, sealer: ContentSealer, sealed: SealedExport): Readable {
  async function* opened() {
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for await (const chunk of copy as AsyncIterable<Buffer>) {
      const lines = (rest + decoder.write(chunk)).split('\n');
      recycleBlock(chunk);
      rest = lines.pop()!;
      const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      // Where each sealed value sits, and the value with its place: opened as one batch.
      const at: [Record<string, unknown>, string][] = [];
      const values: SealedAt[] = [];
      for (const record of records) {
        const rowId = String(record[sealed.keyField]);
        for (const field of sealed.fields) {
          const stored = record[field];
          if (typeof stored !== 'string') continue;
          at.push([record, field]);
          values.push({ stored, place: fieldPlace({ table: sealed.tableName, rowId, field }) });
        }
      }
      const opened = await sealer.openMany(values);
      opened.forEach((value, index) => {
        if (value instanceof Error) throw value;
        const [record, field] = at[index]!;
        record[field] = value;
      });
      const out = records.map((record) => JSON.stringify(record) + '\n');
      if (out.length) yield Buffer.from(out.join(''), 'utf8');
    }
    if (rest + decoder.end()) throw new Error('Export: a record cut short');
  }
  return Readable.from(opened(), { objectMode: false });
}
