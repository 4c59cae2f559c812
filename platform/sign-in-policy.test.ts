import { describe, expect, it } from '@jest/globals';
import { policyRefusal, type SignInPolicyClaim } from './sign-in-policy.ts';

const policy = (overrides: Partial<SignInPolicyClaim>): SignInPolicyClaim => ({
  organizationId: 'o1',
  secondFactor: 'NONE',
  allowedMethods: null,
  ...overrides,
});

describe('a sign-in policy against a session', () => {
  it('asks a second factor of admins only, or of everyone', () => {
    const admins = policy({ secondFactor: 'ADMINS' });
    expect(policyRefusal(admins, { role: 'MEMBER', methods: ['EMAIL_CODE'] })).toBeNull();
    expect(policyRefusal(admins, { role: 'ADMIN', methods: ['EMAIL_CODE'] })).toBe('SECOND_FACTOR_REQUIRED');
    expect(policyRefusal(admins, { role: 'ADMIN', methods: ['EMAIL_CODE', 'TOTP'] })).toBeNull();
    const everyone = policy({ secondFactor: 'EVERYONE' });
    expect(policyRefusal(everyone, { role: 'MEMBER', methods: ['PASSWORD'] })).toBe('SECOND_FACTOR_REQUIRED');
    for (const second of ['TOTP', 'RECOVERY_CODE', 'PASSKEY'])
      expect(policyRefusal(everyone, { role: 'MEMBER', methods: ['PASSWORD', second] })).toBeNull();
  });

  it('allows the first factors named, whatever came after', () => {
    const codeOnly = policy({ allowedMethods: ['EMAIL_CODE'] });
    expect(policyRefusal(codeOnly, { role: 'MEMBER', methods: ['EMAIL_CODE', 'TOTP'] })).toBeNull();
    expect(policyRefusal(codeOnly, { role: 'MEMBER', methods: ['PASSWORD', 'TOTP'] })).toBe(
      'SIGN_IN_METHOD_NOT_ALLOWED',
    );
    expect(policyRefusal(codeOnly, { role: 'MEMBER', methods: [] })).toBe('SIGN_IN_METHOD_NOT_ALLOWED');
  });
});
