import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { createContentSealer, fieldPlace, requestSealer, type FieldPlace } from './sealed-content.ts';
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

describe('opening many values at once', () => {
  it('looks each key up once, and a value that does not authenticate fails alone', async () => {
    const { store, lookups } = keysInMemory();
    const sealer = createContentSealer(store);
    const other: Subject = { kind: 'organization', id: randomUUID() };
    const rows = Array.from({ length: 50 }, () => randomUUID());
    const values = await Promise.all(
      rows.map(async (row, index) => ({
        stored: await sealer.sealField(index % 2 ? other : subject, `Project ${index}`, place(row)),
        place: fieldPlace(place(row)),
      })),
    );
    // Moved to another row: bound to the row it was sealed for, it must not open here.
    values[7] = { ...values[7]!, place: fieldPlace(place(randomUUID())) };
    values.push({ stored: 'written before sealing began', place: fieldPlace(place(randomUUID())) });
    lookups.count = 0;
    const opened = await sealer.openMany(values);
    expect(lookups.count).toBe(2);
    expect(opened[0]).toBe('Project 0');
    expect(opened[49]).toBe('Project 49');
    expect(opened[7]).toMatchObject({ extensions: expect.objectContaining({ reason: 'DATA_INTEGRITY' }) });
    expect(opened.filter((value) => value instanceof Error)).toHaveLength(1);
    expect(opened[50]).toBe('written before sealing began');
  });

  it('reads a destroyed key’s values as erased (null)', async () => {
    const { store } = keysInMemory();
    const sealer = createContentSealer(store);
    const row = randomUUID();
    const stored = await sealer.sealField(subject, 'Apollo', place(row));
    await store.destroy(subject);
    expect(await sealer.openMany([{ stored, place: fieldPlace(place(row)) }])).toEqual([null]);
  });

  it("batches a request's reads into one lookup, and does not remember a failure", async () => {
    const { store, lookups } = keysInMemory();
    const sealer = createContentSealer(store);
    const rows = Array.from({ length: 20 }, () => randomUUID());
    const stored = await Promise.all(rows.map((row, i) => sealer.sealField(subject, `P${i}`, place(row))));
    lookups.count = 0;
    const request = requestSealer(sealer);
    const names = await Promise.all(rows.map((row, i) => request.openField(stored[i]!, place(row))));
    expect(names).toEqual(rows.map((_, i) => `P${i}`));
    expect(lookups.count).toBe(1);
    const moved = place(randomUUID());
    await expect(request.openField(stored[0]!, moved)).rejects.toMatchObject({
      extensions: expect.objectContaining({ reason: 'DATA_INTEGRITY' }),
    });
    // Asked again, it is checked again (and fails again), not answered from a cache.
    lookups.count = 0;
    await expect(request.openField(stored[0]!, moved)).rejects.toThrow();
    expect(lookups.count).toBe(1);
  });
});
