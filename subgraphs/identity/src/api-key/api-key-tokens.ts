import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// A key is `stw_<prefix>_<secret>`: the prefix (8 base62 characters, ~48 bits) finds the row and is
// shown in lists; the secret is 256 bits from the CSPRNG. Only SHA-256 of the whole token is stored:
// a secret that long needs no slow hash, nothing can be guessed from it.
const PREFIX_LENGTH = 8;
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN = /^stw_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

/** Recognises the kind of bearer token at the gateway, before any lookup. */
export const API_KEY_TOKEN_START = 'stw_';

/** Base62 without modulo bias: bytes past the last whole multiple of 62 are drawn again. */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function newApiKeyToken(): { token: string; prefix: string } {
  const prefix = randomBase62(PREFIX_LENGTH);
  return { token: `${API_KEY_TOKEN_START}${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** The lookup prefix of a well-formed token, or null. */
export const prefixOf = (token: string): string | null => TOKEN.exec(token)?.[1] ?? null;

export const hashApiKeyToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Compares in constant time, so response timing says nothing about how much of a hash matched. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const actual = createHash('sha256').update(token).digest();
  const expected = Buffer.from(storedHash, 'hex');
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}
