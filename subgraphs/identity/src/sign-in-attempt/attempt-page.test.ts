import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor, pageSizeOf } from './attempt-page.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return 'no error';
};

describe('sign-in attempt pages', () => {
  it('takes 20 by default and 1 to 100 when asked', () => {
    expect(pageSizeOf(undefined)).toBe(20);
    expect(pageSizeOf(null)).toBe(20);
    expect(pageSizeOf(1)).toBe(1);
    expect(pageSizeOf(100)).toBe(100);
    for (const first of [0, -1, 101, 1.5]) expect(codeOf(() => pageSizeOf(first))).toBe('BAD_USER_INPUT');
  });

  it('round-trips a cursor', () => {
    const cursor = { occurredAt: new Date('2026-11-21T10:00:00.123Z'), seq: 42 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('refuses anything that is not a cursor it made', () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const raw of [
      '',
      'not a cursor!',
      'x'.repeat(500),
      forged({ occurredAt: 1 }),
      forged(['not a date', 1]),
      forged(['2026-11-21T10:00:00.000Z', 0]),
      forged(['2026-11-21T10:00:00.000Z', '1']),
    ]) {
      expect(codeOf(() => decodeCursor(raw))).toBe('BAD_USER_INPUT');
    }
  });
});
