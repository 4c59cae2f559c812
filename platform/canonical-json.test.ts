import { describe, expect, it } from '@jest/globals';
import { canonicalJson, toStorableJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[true,null]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('keeps hostile strings inside their quotes, so they cannot forge a field boundary', () => {
    const forged = canonicalJson({ action: 'login","outcome":"SUCCESS', outcome: 'DENIED' });
    const honest = canonicalJson({ action: 'login', outcome: 'SUCCESS' });
    expect(forged).not.toBe(honest);
    expect(JSON.parse(forged)).toEqual({ action: 'login","outcome":"SUCCESS', outcome: 'DENIED' });
  });

  it('refuses values that are not plain JSON', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ at: new Date() } as never)).toThrow(TypeError);
    expect(() => canonicalJson({ missing: undefined } as never)).toThrow(TypeError);
  });
});

describe('toStorableJson', () => {
  it('renders metadata as jsonb will hold it', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect(toStorableJson({ at, gone: undefined, list: [undefined], nul: 'a\u0000b' })).toEqual({
      at: '2026-01-02T03:04:05.000Z',
      list: [null],
      nul: 'a\uFFFDb',
    });
    expect(toStorableJson(undefined)).toBeNull();
  });
});
