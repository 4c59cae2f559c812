import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { recycleBlock } from './copy-text-json.ts';

export type ExportRecord = Record<string, unknown>;

/** Opens one exported record's sealed content (a subgraph's own code: audit events' content). */
export type RecordOpener = (record: ExportRecord) => Promise<ExportRecord>;

/**
 * A type's COPY stream of JSON Lines, each record rewritten through `open` before it is written,
 * in order: for the types whose stored content is sealed in a form the export must not carry as
 * is. Memory stays bounded by COPY's blocks; a record that fails to open stops the export.
 */
export async function writeOpenedRecords(
  source: Readable,
  open: RecordOpener,
  write: (text: string) => Promise<void>,
): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  for await (const chunk of source as AsyncIterable<Buffer>) {
    const text = carry + decoder.write(chunk);
    recycleBlock(chunk);
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    if (lines.length === 0) continue;
    const opened = await Promise.all(
      lines.map(async (line) => JSON.stringify(await open(JSON.parse(line) as ExportRecord))),
    );
    await write(`${opened.join('\n')}\n`);
  }
  if (carry + decoder.end()) throw new Error('The export ended inside a record');
}
