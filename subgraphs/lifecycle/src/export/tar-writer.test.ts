import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from '@jest/globals';
import { readTar, tarHeader, writeTar } from './tar-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'tar-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tar writer', () => {
  it('round-trips files of any size, padded to 512-byte blocks', async () => {
    const contents = { 'a.jsonl': '', 'b.jsonl': 'x'.repeat(512), 'manifest.json': '{"é":1}\n' };
    const entries = Object.entries(contents).map(([name, text]) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return { name, path, sizeBytes: Buffer.byteLength(text), mtime: new Date(0) };
    });
    const archivePath = join(dir, 'out.tar');
    const stored = await writeTar(archivePath, entries);
    const archive = readFileSync(archivePath);
    expect(stored).toEqual({
      sizeBytes: archive.length,
      sha256: createHash('sha256').update(archive).digest('hex'),
    });
    expect(archive.length % 512).toBe(0);
    const files = readTar(archive);
    expect(Object.fromEntries([...files].map(([name, body]) => [name, body.toString('utf8')]))).toEqual(
      contents,
    );
    // The system tar reads it too.
    expect(execFileSync('tar', ['-tf', archivePath], { encoding: 'utf8' }).trim().split('\n')).toEqual(
      Object.keys(contents),
    );
  });

  it('copies files larger than its buffer whole', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 'abc');
    const path = join(dir, 'big.jsonl');
    writeFileSync(path, big);
    const archivePath = join(dir, 'big.tar');
    await writeTar(archivePath, [{ name: 'big.jsonl', path, sizeBytes: big.length, mtime: new Date(0) }]);
    expect(readTar(readFileSync(archivePath)).get('big.jsonl')!.equals(big)).toBe(true);
  });

  it('keeps every byte in order while reads, hashing and writes overlap across files', async () => {
    const bodies = [5, 1, 2, 0, 4].map((mib, index) =>
      Buffer.alloc(mib * 1024 * 1024 + index * 100, String.fromCharCode(97 + index)),
    );
    const entries = bodies.map((body, index) => {
      const path = join(dir, `part-${index}.jsonl`);
      writeFileSync(path, body);
      return { name: `part-${index}.jsonl`, path, sizeBytes: body.length, mtime: new Date(0) };
    });
    const archivePath = join(dir, 'parts.tar');
    const stored = await writeTar(archivePath, entries);
    const archive = readFileSync(archivePath);
    expect(stored.sha256).toBe(createHash('sha256').update(archive).digest('hex'));
    const files = readTar(archive);
    bodies.forEach((body, index) => expect(files.get(`part-${index}.jsonl`)!.equals(body)).toBe(true));
  });

  it('refuses names over 100 bytes', () => {
    expect(() => tarHeader('n'.repeat(101), 0, new Date())).toThrow(/too long/);
  });
});
