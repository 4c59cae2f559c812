import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from '@jest/globals';
import { readTar, tarHeader, tarStream } from './tar-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'tar-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('tar writer', () => {
  it('round-trips files of any size, padded to 512-byte blocks', async () => {
    const contents = { 'a.jsonl': '', 'b.jsonl': 'x'.repeat(512), 'manifest.json': '{"é":1}\n' };
    const entries = Object.entries(contents).map(([name, text]) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return { name, path, sizeBytes: Buffer.byteLength(text), mtime: new Date(0) };
    });
    const archive = await collect(tarStream(entries));
    expect(archive.length % 512).toBe(0);
    const files = readTar(archive);
    expect(Object.fromEntries([...files].map(([name, body]) => [name, body.toString('utf8')]))).toEqual(
      contents,
    );
    // The system tar reads it too.
    const archivePath = join(dir, 'out.tar');
    writeFileSync(archivePath, archive);
    expect(execFileSync('tar', ['-tf', archivePath], { encoding: 'utf8' }).trim().split('\n')).toEqual(
      Object.keys(contents),
    );
  });

  it('refuses names over 100 bytes', () => {
    expect(() => tarHeader('n'.repeat(101), 0, new Date())).toThrow(/too long/);
  });
});
