import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { createContentSealer, requestSealer, type FieldPlace } from './sealed-content.ts';
import type { DataKey, Subject, SubjectKeyStore } from './subject-keys.ts';

/** A key store in memory that counts the lookups a reader makes. */
function keysInMemory() {
  const keys = new Map<string, DataKey>();
  const lookups = { count: 0 };
  const store: SubjectKeyStore = {
    async keyFor(subject: Subject) {
      const found = [...keys.values()].find((k) => k.subject.id === subject.id);
      if (found) return found;
      const key = { id: randomUUID(), subject, key: randomBytes(32) };
      keys.set(key.id, key);
      return key;
    },
    async keyById(id: string) {
      lookups.count += 1;
      return keys.get(id) ?? null;
    },
    async destroy() {
      const destroyed = [...keys.values()];
      keys.clear();
      return destroyed.map((k) => ({ ...k, createdAt: new Date(), destroyedAt: new Date() }));
    },
  };
  return { store, lookups };
}

const subject: Subject = { kind: 'organization', id: randomUUID() };
const place = (rowId: string): FieldPlace => ({ table: 'tenancy.projects', rowId, field: 'name' });

describe("a request's sealer", () => {
  it('opens a stored value once per request, however many readers ask', async () => {
    const { store, lookups } = keysInMemory();
    const sealer = createContentSealer(store);
    const row = randomUUID();
    const stored = await sealer.sealField(subject, 'Apollo', place(row));
    const request = requestSealer(sealer);
    const reads = await Promise.all([1, 2, 3].map(() => request.openField(stored, place(row))));
    expect(reads).toEqual(['Apollo', 'Apollo', 'Apollo']);
    expect(lookups.count).toBe(1);
    // Another request opens it again: nothing outlives a request.
    expect(await requestSealer(sealer).openField(stored, place(row))).toBe('Apollo');
    expect(lookups.count).toBe(2);
  });

  it('keeps the place in the key: a value moved to another row still fails there', async () => {
    const { store } = keysInMemory();
    const sealer = createContentSealer(store);
    const row = randomUUID();
    const stored = await sealer.sealField(subject, 'Apollo', place(row));
    const request = requestSealer(sealer);
    expect(await request.openField(stored, place(row))).toBe('Apollo');
    await expect(request.openField(stored, place(randomUUID()))).rejects.toMatchObject({
      extensions: expect.objectContaining({ reason: 'DATA_INTEGRITY' }),
    });
  });
});
