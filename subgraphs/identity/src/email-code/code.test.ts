import { describe, expect, it } from '@jest/globals';
import { codeMatches, hashCode, isCodeShaped, newCode, newCodeSalt } from './code.ts';

describe('sign-in codes', () => {
  it('are six digits', () => {
    for (let i = 0; i < 200; i++) expect(newCode()).toMatch(/^[0-9]{6}$/);
    expect(isCodeShaped('012345')).toBe(true);
    for (const input of ['', '12345', '1234567', '12345a', ' 123456', '١٢٣٤٥٦']) {
      expect(isCodeShaped(input)).toBe(false);
    }
  });

  it('are stored as a salted hash that matches only the code', () => {
    const salt = newCodeSalt();
    const stored = hashCode('123456', salt);
    expect(stored).not.toContain('123456');
    expect(codeMatches('123456', salt, stored)).toBe(true);
    expect(codeMatches('123457', salt, stored)).toBe(false);
    expect(codeMatches('123456', newCodeSalt(), stored)).toBe(false);
    expect(hashCode('123456', newCodeSalt())).not.toBe(stored);
  });
});
