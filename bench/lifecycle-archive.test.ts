import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { writeTar } from '../subgraphs/lifecycle/src/export/tar-writer.ts';
import { readManifest, sealedNamesIn } from './lifecycle-archive.ts';

const dir = mkdtempSync(join(tmpdir(), 'steward-bench-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An archive laid out as the export writes one: manifest.json first, a part per type. */
async function archiveOf(parts: Record<string, object[]>): Promise<string> {
  const files: [string, string][] = [
    [
      'manifest.json',
      JSON.stringify({
        parts: Object.entries(parts).map(([type, records]) => ({
          type,
          file: `${type}.jsonl`,
          count: records.length,
        })),
      }),
    ],
    ...Object.entries(parts).map(([type, records]): [string, string] => [
      `${type}.jsonl`,
      records.map((record) => `${JSON.stringify(record)}\n`).join(''),
    ]),
  ];
  const entries = files.map(([name, text]) => {
    const path = join(dir, `${randomUUID()}-${name}`);
    writeFileSync(path, text);
    return { name, path, sizeBytes: Buffer.byteLength(text), mtime: new Date() };
  });
  const archive = join(dir, `${randomUUID()}.tar`);
  await writeTar(archive, entries);
  return archive;
}

const names = { Organization: /^Acme$/, Project: /^Project \d+$/ };

describe("the lifecycle benchmark's archive check", () => {
  it('counts opened names, and tells ciphertext, erased and unexpected values apart', async () => {
    const archive = await archiveOf({
      Organization: [{ id: randomUUID(), name: 'Acme' }],
      Project: [
        { id: randomUUID(), name: 'Project 1' },
        { id: randomUUID(), name: `${randomUUID()}/v1.c2VhbGVkLWJ5dGVzLWhlcmU` },
        { id: randomUUID(), name: '[erased]' },
        { id: randomUUID(), name: null },
        { id: randomUUID(), name: 'garbage' },
      ],
      Invitation: [{ id: randomUUID() }],
    });
    expect((await readManifest(archive)).parts.map((part) => [part.type, part.count])).toEqual([
      ['Organization', 1],
      ['Project', 5],
      ['Invitation', 1],
    ]);
    expect(await sealedNamesIn(archive, names)).toEqual({
      Organization: { records: 1, opened: 1, sealed: 0, erased: 0, unexpected: 0 },
      Project: { records: 5, opened: 1, sealed: 1, erased: 2, unexpected: 1 },
    });
  });

  it('counts nothing for a type the archive lacks', async () => {
    const archive = await archiveOf({ Organization: [{ id: randomUUID(), name: 'Acme' }] });
    expect((await sealedNamesIn(archive, names)).Project).toEqual({
      records: 0,
      opened: 0,
      sealed: 0,
      erased: 0,
      unexpected: 0,
    });
  });
});
