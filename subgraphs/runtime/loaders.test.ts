import { describe, expect, it } from '@jest/globals';
import { createGroupLoader, createKeyLoader } from './loaders.ts';

describe('createKeyLoader', () => {
  it('batches loads in one fetch and answers null for missing keys', async () => {
    const calls: string[][] = [];
    const loader = createKeyLoader(
      async (keys: readonly string[]) => {
        calls.push([...keys]);
        return keys.filter((k) => k !== 'missing').map((id) => ({ id }));
      },
      (v) => v.id,
    );
    const results = await Promise.all(['a', 'missing', 'b'].map((k) => loader.load(k)));
    expect(results).toEqual([{ id: 'a' }, null, { id: 'b' }]);
    expect(calls).toEqual([['a', 'missing', 'b']]);
  });
});

describe('createGroupLoader', () => {
  it('groups values under their key, empty for keys without values', async () => {
    const loader = createGroupLoader(
      async () => [
        { owner: 'x', n: 1 },
        { owner: 'x', n: 2 },
      ],
      (v) => v.owner,
    );
    expect(await Promise.all([loader.load('x'), loader.load('y')])).toEqual([
      [
        { owner: 'x', n: 1 },
        { owner: 'x', n: 2 },
      ],
      [],
    ]);
  });
});
