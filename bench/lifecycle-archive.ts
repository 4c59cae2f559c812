/** Reads an export's archive (an uncompressed tar, manifest.json first) without unpacking it. */
import { open, type FileHandle } from 'node:fs/promises';
import { ERASED_TEXT, isSealedContent } from '../platform/crypto/sealed-content.ts';

const BLOCK = 512;

/** The archive's entries: name, where its bytes start and how many. */
async function entriesOf(file: FileHandle): Promise<{ name: string; offset: number; size: number }[]> {
  const entries: { name: string; offset: number; size: number }[] = [];
  const header = Buffer.alloc(BLOCK);
  for (let at = 0; ;) {
    const { bytesRead } = await file.read(header, 0, BLOCK, at);
    if (bytesRead < BLOCK || header.every((byte) => byte === 0)) return entries;
    const text = (from: number, to: number) =>
      header.subarray(from, to).toString('ascii').replace(/\0.*$/s, '').trim();
    const size = parseInt(text(124, 136), 8);
    entries.push({ name: text(0, 100), offset: at + BLOCK, size });
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
}

async function readEntry(path: string, name: string): Promise<Buffer | null> {
  const file = await open(path, 'r');
  try {
    const entry = (await entriesOf(file)).find((candidate) => candidate.name === name);
    if (!entry) return null;
    const body = Buffer.alloc(entry.size);
    await file.read(body, 0, entry.size, entry.offset);
    return body;
  } finally {
    await file.close();
  }
}

/** manifest.json, the archive's first entry. */
export async function readManifest(
  path: string,
): Promise<{ parts: { type: string; file: string; count: number }[] }> {
  const body = await readEntry(path, 'manifest.json');
  if (!body) throw new Error(`${path}: no manifest.json`);
  return JSON.parse(body.toString('utf8')) as { parts: { type: string; file: string; count: number }[] };
}

/** How a SHRED field reads in an archive: opened (plaintext), still sealed, or erased. */
export interface SealedFieldCount {
  records: number;
  opened: number;
  sealed: number;
  erased: number;
  /** Opened values that are not what the seed or the API wrote (garbage): 0 expected. */
  unexpected: number;
}

/** What the archive's SHRED names must read as once opened (the API's organization, the seed's projects). */
export interface ExpectedNames {
  Organization: RegExp;
  Project: RegExp;
}

/**
 * The SHRED names of an organization's archive (Organization.name, Project.name, sealed in the
 * database under the organization's key): each must be opened, never ciphertext nor erased, and
 * read as written (`expected`, per type).
 */
export async function sealedNamesIn(
  path: string,
  expected: ExpectedNames,
): Promise<Record<string, SealedFieldCount>> {
  const counts: Record<string, SealedFieldCount> = {};
  for (const [type, pattern] of Object.entries(expected)) {
    const body = await readEntry(path, `${type}.jsonl`);
    const count: SealedFieldCount = { records: 0, opened: 0, sealed: 0, erased: 0, unexpected: 0 };
    for (const line of body?.toString('utf8').split('\n') ?? []) {
      if (!line) continue;
      const { name } = JSON.parse(line) as { name?: unknown };
      count.records++;
      if (typeof name !== 'string' || name === ERASED_TEXT) count.erased++;
      else if (isSealedContent(name)) count.sealed++;
      else if (pattern.test(name)) count.opened++;
      else count.unexpected++;
    }
    counts[type] = count;
  }
  return counts;
}
