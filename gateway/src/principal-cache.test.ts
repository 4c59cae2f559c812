import { describe, expect, it } from '@jest/globals';
import type { Principal } from '../../platform/principal.ts';
import { createPrincipalCache } from './principal-cache.ts';

const alice: Principal = { kind: 'user', userId: 'alice', sessionId: 's1', memberships: [] };
const key: Principal = { kind: 'apiKey', keyId: 'k1', organizationId: 'o1', scopes: [] };

function cacheAt(time: { now: number }) {
  const cache = createPrincipalCache({ ttlMs: 60_000, maxEntries: 2, now: () => time.now });
  cache.enable();
  return cache;
}

describe('the principal cache', () => {
  it('keeps a principal until its TTL or its credential expires, whichever is first', () => {
    const time = { now: 0 };
    const cache = cacheAt(time);
    cache.set('a', alice, null, cache.generation());
    cache.set('k', key, 5_000, cache.generation());
    time.now = 5_000;
    expect(cache.get('a')).toEqual(alice);
    expect(cache.get('k')).toBeUndefined();
    time.now = 60_000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops what a change concerns, and nothing else', () => {
    const cache = cacheAt({ now: 0 });
    cache.set('a', alice, null, cache.generation());
    cache.set('k', key, null, cache.generation());
    cache.invalidate({ kind: 'session', id: 's1' });
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('k')).toEqual(key);
    cache.invalidate({ kind: 'apiKey', id: 'k1' });
    expect(cache.get('k')).toBeUndefined();
  });

  it("drops every member's principal when an organization's sign-in policy changes", () => {
    const cache = cacheAt({ now: 0 });
    const member: Principal = {
      kind: 'user',
      userId: 'carol',
      sessionId: 's2',
      memberships: [{ organizationId: 'o1', role: 'MEMBER', projects: [] }],
    };
    cache.set('c', member, null, cache.generation());
    cache.set('a', alice, null, cache.generation());
    cache.invalidate({ kind: 'organization', id: 'o2' });
    expect(cache.get('c')).toEqual(member);
    cache.invalidate({ kind: 'organization', id: 'o1' });
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('a')).toEqual(alice);
    // A member resolved while the policy changed is not cached either.
    const before = cache.generation();
    cache.invalidate({ kind: 'organization', id: 'o1' });
    cache.set('c', member, null, before);
    expect(cache.get('c')).toBeUndefined();
  });

  it('does not cache a principal resolved across an invalidation', () => {
    const cache = cacheAt({ now: 0 });
    const before = cache.generation();
    cache.invalidate({ kind: 'user', id: 'alice' });
    cache.set('a', alice, null, before);
    expect(cache.get('a')).toBeUndefined();
  });

  it("caches a principal resolved across someone else's invalidation", () => {
    const cache = cacheAt({ now: 0 });
    const before = cache.generation();
    cache.invalidate({ kind: 'user', id: 'bob' });
    cache.invalidate({ kind: 'apiKey', id: 'k1' });
    cache.set('a', alice, null, before);
    expect(cache.get('a')).toEqual(alice);
  });

  it('caches nothing resolved before the changes it no longer remembers', () => {
    const cache = cacheAt({ now: 0 });
    const before = cache.generation();
    cache.invalidate({ kind: 'session', id: 's1' });
    for (let i = 0; i < 1024; i++) cache.invalidate({ kind: 'user', id: `other-${i}` });
    cache.set('a', alice, null, before);
    expect(cache.get('a')).toBeUndefined();
    const after = cache.generation();
    cache.set('a', alice, null, after);
    expect(cache.get('a')).toEqual(alice);
  });

  it('caches nothing while disabled (its change feed is down), and forgets everything', () => {
    const cache = cacheAt({ now: 0 });
    cache.set('a', alice, null, cache.generation());
    cache.disable();
    cache.set('k', key, null, cache.generation());
    cache.enable();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('k')).toBeUndefined();
  });

  it('holds at most maxEntries, oldest out first, and never the raw token', () => {
    const cache = cacheAt({ now: 0 });
    for (const token of ['t1', 't2', 't3']) cache.set(token, alice, null, cache.generation());
    expect(cache.size).toBe(2);
    expect(cache.get('t1')).toBeUndefined();
    expect(cache.get('t3')).toEqual(alice);
  });
});

describe('the principal cache index', () => {
  it("drops every session of a user on the user's change, and keeps the index in step with evictions", () => {
    const cache = createPrincipalCache({ ttlMs: 60_000, maxEntries: 3 });
    cache.enable();
    const second: Principal = { ...alice, sessionId: 's2' };
    cache.set('a1', alice, null, cache.generation());
    cache.set('a2', second, null, cache.generation());
    cache.set('k', key, null, cache.generation());
    cache.invalidate({ kind: 'user', id: 'alice' });
    expect(cache.get('a1')).toBeUndefined();
    expect(cache.get('a2')).toBeUndefined();
    expect(cache.get('k')).toEqual(key);
    // The same token cached again for another principal answers to that principal's changes only.
    cache.set('k', alice, null, cache.generation());
    cache.invalidate({ kind: 'apiKey', id: 'k1' });
    expect(cache.get('k')).toEqual(alice);
    cache.invalidate({ kind: 'session', id: 's1' });
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
