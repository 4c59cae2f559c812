import { describe, expect, it } from '@jest/globals';
import { hashApiKeyToken, newApiKeyToken, prefixOf, tokenMatches } from './api-key-tokens.ts';

describe('API key tokens', () => {
  it('are stw_<8 base62>_<256-bit base64url>, unique, and carry their prefix', () => {
    const tokens = Array.from({ length: 200 }, () => newApiKeyToken());
    for (const { token, prefix } of tokens) {
      expect(token).toMatch(/^stw_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
      expect(prefixOf(token)).toBe(prefix);
      expect(Buffer.from(token.slice(13), 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens.map((t) => t.token)).size).toBe(200);
    expect(new Set(tokens.map((t) => t.prefix)).size).toBe(200);
  });

  it('match only their own hash', () => {
    const { token } = newApiKeyToken();
    const hash = hashApiKeyToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenMatches(token, hash)).toBe(true);
    expect(tokenMatches(newApiKeyToken().token, hash)).toBe(false);
    expect(tokenMatches(token, 'not-hex')).toBe(false);
  });

  it('have no prefix when malformed', () => {
    const { token } = newApiKeyToken();
    for (const bad of ['', 'stw_', 'stw_short_x', `${token}x`, token.replace('stw_', 'sk_'), ` ${token}`]) {
      expect(prefixOf(bad)).toBeNull();
    }
  });
});
