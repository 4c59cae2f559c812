import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { ContentSealer } from '../../../platform/crypto/sealed-content.ts';
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
      const out: string[] = [];
      for (const line of lines) {
        const record = JSON.parse(line) as Record<string, unknown>;
        const rowId = String(record[sealed.keyField]);
        for (const field of sealed.fields) {
          const stored = record[field];
          if (typeof stored !== 'string') continue;
          record[field] = await sealer.openField(stored, { table: sealed.tableName, rowId, field });
        }
        out.push(JSON.stringify(record) + '\n');
      }
      if (out.length) yield Buffer.from(out.join(''), 'utf8');
    }
    if (rest + decoder.end()) throw new Error('Export: a record cut short');
  }
  return Readable.from(opened(), { objectMode: false });
}
