import { createHash } from 'node:crypto';
import type { Principal } from '../../platform/principal.ts';
import type { PrincipalChange } from '../../platform/principal-changes.ts';

interface Entry {
  principal: Principal;
  expiresAt: number;
}

export interface PrincipalCacheOptions {
  /** How long a resolved principal is reused; invalidation usually ends it sooner. */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

/**
 * Principals by bearer token (hashed: the cache never holds a usable secret). Only trusted while
 * the invalidation feed is connected; `disable()` empties it and stops reuse until `enable()`.
 */
export function createPrincipalCache(options: PrincipalCacheOptions) {
  const entries = new Map<string, Entry>();
  const now = options.now ?? Date.now;
  let enabled = false;
  // Bumped by every invalidation: a principal resolved while a change was committing must not be
  // cached after that change's invalidation has already passed. The recent changes are kept, so
  // that only a principal they concern is refused (a busy tenant's changes do not stop caching for
  // everyone); older than the window, or after a disable, nothing resolved before is cached.
  let generation = 0;
  let floor = 0;
  const recent: { generation: number; change: PrincipalChange }[] = [];
  const RECENT_CHANGES = 1024;
  const keyOf = (token: string) => createHash('sha256').update(token).digest('base64url');

  const matches = (principal: Principal, change: PrincipalChange) => {
    switch (change.kind) {
      case 'session':
        return principal.kind === 'user' && principal.sessionId === change.id;
      case 'user':
        return principal.kind === 'user' && principal.userId === change.id;
      case 'apiKey':
        return principal.kind === 'apiKey' && principal.keyId === change.id;
    }
  };

  return {
    get(token: string): Principal | undefined {
      if (!enabled) return undefined;
      const entry = entries.get(keyOf(token));
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(keyOf(token));
        return undefined;
      }
      return entry.principal;
    },
    /** The invalidation counter: read it before resolving a principal, hand it back to `set`. */
    generation(): number {
      return generation;
    },
    /**
     * Caches until the TTL or the credential's own expiry (epoch ms), whichever comes first; not at
     * all if anything was invalidated since `resolvedAt` (a generation) was read.
     */
    set(token: string, principal: Principal, credentialExpiresAt: number | null, resolvedAt: number): void {
      if (!enabled || resolvedAt < floor) return;
      if (recent.some((r) => r.generation > resolvedAt && matches(principal, r.change))) return;
      // Oldest first out: a Map iterates in insertion order.
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
      const expiresAt = Math.min(now() + options.ttlMs, credentialExpiresAt ?? Number.POSITIVE_INFINITY);
      entries.set(keyOf(token), { principal, expiresAt });
    },
    forget(token: string): void {
      entries.delete(keyOf(token));
    },
    invalidate(change: PrincipalChange): void {
      generation++;
      recent.push({ generation, change });
      if (recent.length > RECENT_CHANGES) floor = recent.shift()!.generation;
      for (const [key, entry] of entries) if (matches(entry.principal, change)) entries.delete(key);
    },
    enable(): void {
      enabled = true;
    },
    disable(): void {
      enabled = false;
      generation++;
      floor = generation;
      recent.length = 0;
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}

export type PrincipalCache = ReturnType<typeof createPrincipalCache>;
