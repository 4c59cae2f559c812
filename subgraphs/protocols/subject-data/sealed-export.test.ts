import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createContentSealer } from '../../../platform/crypto/sealed-content.ts';
import type { DataKey, Subject, SubjectKeyStore } from '../../../platform/crypto/subject-keys.ts';
import { openSealedLines } from './sealed-export.ts';
import type { SealedExport } from './subject-data.ts';

const subject: Subject = { kind: 'organization', id: randomUUID() };
const key: DataKey = { id: randomUUID(), subject, key: randomBytes(32) };
let destroyed = false;
const keys: SubjectKeyStore = {
  keyFor: async () => key,
  keyById: async (id) => (id === key.id && !destroyed ? key : null),
  destroy: async () => [],
};
const sealer = createContentSealer(keys);
const sealed: SealedExport = { tableName: 'tenancy.projects', keyField: 'id', fields: ['name'] };

async function recordsOf(names: string[]): Promise<{ id: string; name: string; note: null }[]> {
  return Promise.all(
    names.map(async (name) => {
      const id = randomUUID();
      return {
        id,
        name: await sealer.sealField(subject, name, { table: 'tenancy.projects', rowId: id, field: 'name' }),
        note: null,
      };
    }),
  );
}

/** The records as COPY's converter hands them on: JSON Lines, cut at arbitrary bytes. */
function copyOf(records: object[], cut = 97): Readable {
  const text = Buffer.from(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
  const chunks: Buffer[] = [];
  for (let at = 0; at < text.length; at += cut) chunks.push(text.subarray(at, at + cut));
  return Readable.from(chunks);
}

async function read(stream: Readable): Promise<Record<string, unknown>[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('an export of sealed fields', () => {
  it('carries every name opened, in order, whatever the chunks', async () => {
    const records = await recordsOf(Array.from({ length: 300 }, (_, i) => `Project ${i} “ünïcode”`));
    const out = await read(openSealedLines(copyOf(records), sealer, sealed));
    expect(out.map((record) => record.name)).toEqual(records.map((_, i) => `Project ${i} “ünïcode”`));
    expect(out.map((record) => record.id)).toEqual(records.map((record) => record.id));
  });

  it('stops with the coded DATA_INTEGRITY error on a tampered value, never exporting garbage', async () => {
    const records = await recordsOf(['a', 'b', 'c']);
    const flipped = records[1]!.name;
    records[1]!.name = flipped.slice(0, -3) + (flipped.at(-3) === 'A' ? 'B' : 'A') + flipped.slice(-2);
    await expect(read(openSealedLines(copyOf(records, 1 << 16), sealer, sealed))).rejects.toMatchObject({
      extensions: expect.objectContaining({ reason: 'DATA_INTEGRITY' }),
    });
  });

  it('exports null for a name whose key was destroyed', async () => {
    const records = await recordsOf(['gone']);
    destroyed = true;
    try {
      expect(await read(openSealedLines(copyOf(records), sealer, sealed))).toEqual([
        { id: records[0]!.id, name: null, note: null },
      ]);
    } finally {
      destroyed = false;
    }
  });
});
