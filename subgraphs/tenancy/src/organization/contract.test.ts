import { describe, expect, it } from '@jest/globals';
import { contractStatus } from './contract.ts';

describe('contractStatus', () => {
  const now = new Date('2026-11-21T12:00:00Z');

  it('ends a contract whose end is now or past, and keeps one with a future end active', () => {
    expect(contractStatus(now, now)).toBe('CONTRACT_ENDED');
    expect(contractStatus(new Date('2026-01-01T00:00:00Z'), now)).toBe('CONTRACT_ENDED');
    expect(contractStatus(new Date('2026-11-21T12:00:00.001Z'), now)).toBe('ACTIVE');
  });
});
