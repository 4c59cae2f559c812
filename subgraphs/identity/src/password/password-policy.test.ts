import { describe, expect, it } from '@jest/globals';
import { isCommonPassword, passwordLength, passwordProblem } from './password-policy.ts';

describe('the password policy', () => {
  it('accepts 8 characters and more, with no composition rules', () => {
    expect(passwordProblem('tortoise lantern')).toBeNull();
    expect(passwordProblem('qzmvbwxk')).toBeNull();
    expect(passwordProblem('ÉCLAIR-À-LA-VANILLE')).toBeNull();
  });

  it('refuses 7 characters, counting characters rather than bytes or UTF-16 units', () => {
    expect(passwordProblem('qzmvbwx')).toMatch(/at least 8/);
    expect(passwordLength('🦊🦊🦊🦊🦊🦊🦊🦊')).toBe(8);
    expect(passwordProblem('🦊🦊🦊🦊🦊🦊🦊🦊')).toBeNull();
    expect(passwordProblem('🦊🦊🦊🦊🦊🦊🦊')).toMatch(/at least 8/);
  });

  it('accepts a long passphrase up to 1024 characters, and no more', () => {
    expect(passwordProblem('correct horse battery staple '.repeat(40).slice(0, 1024))).toBeNull();
    expect(passwordProblem('x'.repeat(1025))).toMatch(/at most 1024/);
    expect(passwordProblem('x'.repeat(100_000))).toMatch(/at most 1024/);
  });

  it('refuses the common passwords of the shipped list, whatever their case', () => {
    for (const common of ['password', '12345678', 'Password', 'BASEBALL', 'iloveyou']) {
      expect(isCommonPassword(common)).toBe(true);
      expect(passwordProblem(common)).toMatch(/too common/);
    }
  });

  it('refuses the account’s own email address', () => {
    expect(passwordProblem('ada.lovelace@example.com', { email: 'ada.lovelace@example.com' })).toMatch(
      /email/,
    );
    expect(passwordProblem('Ada.Lovelace', { email: 'ada.lovelace@example.com' })).toMatch(/email/);
  });
});
