import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { localKeyEncryptionKey } from './key-encryption-key.ts';
import { SealedValueError, open, seal } from './sealed-box.ts';

const key = randomBytes(32);
const where = 'identity.users/0b6c…/email';

/** Flips one bit of the decoded payload at `index` (negative: from the end). */
function flip(sealed: string, index: number): string {
  const bytes = Buffer.from(sealed.slice(3), 'base64url');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at]! ^= 0x01;
  return 'v1.' + bytes.toString('base64url');
}

describe('sealed box (AES-256-GCM with associated data)', () => {
  it('opens what it sealed, and seals the same plaintext differently each time', () => {
    const a = seal(key, 'ada@example.com', where);
    const b = seal(key, 'ada@example.com', where);
    expect(a).not.toBe(b);
    expect(a).not.toContain('ada');
    expect(open(key, a, where).toString('utf8')).toBe('ada@example.com');
    expect(open(key, b, where).toString('utf8')).toBe('ada@example.com');
  });

  it.each([
    ['a flipped nonce bit', (s: string) => flip(s, 0)],
    ['a flipped ciphertext bit', (s: string) => flip(s, 13)],
    ['a flipped tag bit', (s: string) => flip(s, -1)],
    ['a truncated value', (s: string) => s.slice(0, 20)],
  ])('refuses %s, never returning garbage', (_, tamper) => {
    expect(() => open(key, tamper(seal(key, 'ada@example.com', where)), where)).toThrow(SealedValueError);
  });

  it('refuses a ciphertext moved to another row or field, or opened with another key', () => {
    const sealed = seal(key, 'ada@example.com', where);
    expect(() => open(key, sealed, 'identity.users/other/email')).toThrow(SealedValueError);
    expect(() => open(randomBytes(32), sealed, where)).toThrow(SealedValueError);
  });

  it('refuses what is not a sealed value, and keys of the wrong size', () => {
    expect(() => open(key, 'ada@example.com', where)).toThrow(SealedValueError);
    expect(() => seal(randomBytes(16), 'x', where)).toThrow(/32 bytes/);
  });
});

describe('local key-encryption key', () => {
  const kek = localKeyEncryptionKey(randomBytes(32).toString('base64'));

  it('wraps a data key for one subject only', async () => {
    const dataKey = randomBytes(32);
    const wrapped = await kek.wrap(dataKey, 'organization:org-1');
    expect((await kek.unwrap(wrapped, 'organization:org-1')).equals(dataKey)).toBe(true);
    await expect(kek.unwrap(wrapped, 'organization:org-2')).rejects.toThrow(SealedValueError);
  });

  it('names itself without revealing the key, and another key cannot unwrap', async () => {
    const other = localKeyEncryptionKey(randomBytes(32).toString('base64'));
    expect(kek.id).toMatch(/^local:[0-9a-f]{16}$/);
    expect(await kek.wrap(randomBytes(32), 'user:u-1')).toMatch(new RegExp(`^${kek.id}/v1\\.`));
    expect(other.id).not.toBe(kek.id);
    const wrapped = await kek.wrap(randomBytes(32), 'user:u-1');
    await expect(other.unwrap(wrapped, 'user:u-1')).rejects.toThrow(SealedValueError);
  });

  it('refuses a configured key that is not 32 bytes, naming the variable', () => {
    expect(() => localKeyEncryptionKey(randomBytes(16).toString('base64'))).toThrow(
      /STEWARD_KEY_ENCRYPTION_KEY/,
    );
  });
});
