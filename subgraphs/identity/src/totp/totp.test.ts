import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { Secret, TOTP } from 'otpauth';
import { openFactorSecret, sealFactorSecret } from './factor-secret-box.ts';
import { newTotpSecret, stepOfCode } from './totp.ts';

describe('TOTP codes', () => {
  const secret = newTotpSecret();
  const at = new Date('2026-12-07T03:00:10Z');
  const codeAt = (time: Date) =>
    new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: time.getTime() });
  const step = Math.floor(at.getTime() / 30_000);

  it('answers the time step of a right code, one step either side, and null otherwise', () => {
    expect(stepOfCode(secret, codeAt(at), at)).toBe(step);
    expect(stepOfCode(secret, codeAt(new Date(at.getTime() - 30_000)), at)).toBe(step - 1);
    expect(stepOfCode(secret, codeAt(new Date(at.getTime() + 30_000)), at)).toBe(step + 1);
    expect(stepOfCode(secret, codeAt(new Date(at.getTime() - 90_000)), at)).toBeNull();
    expect(stepOfCode(secret, 'abcdef', at)).toBeNull();
  });
});

describe('the factor secret box', () => {
  const key = randomBytes(32);

  it('opens what it sealed, for the same owner and key only', () => {
    const sealed = sealFactorSecret(key, 'user-1', 'JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openFactorSecret(key, 'user-1', sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => openFactorSecret(key, 'user-2', sealed)).toThrow();
    expect(() => openFactorSecret(randomBytes(32), 'user-1', sealed)).toThrow();
    const flipped = Buffer.from(sealed.slice('v1.'.length), 'base64url');
    flipped[12] = flipped[12]! ^ 1;
    expect(() => openFactorSecret(key, 'user-1', `v1.${flipped.toString('base64url')}`)).toThrow();
  });
});
