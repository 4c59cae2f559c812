import { createHash } from 'node:crypto';
import type { Principal } from '../../platform/principal.ts';
import { encodeChange, type PrincipalChange } from '../../platform/principal-changes.ts';

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

/** The change ids a cached principal answers to, so an invalidation finds its entries directly. */
function changeKeysOf(principal: Principal): string[] {
  switch (principal.kind) {
    case 'user': {
      const user = encodeChange({ kind: 'user', id: principal.userId });
      const organizations = principal.memberships.map((m) =>
        encodeChange({ kind: 'organization', id: m.organizationId }),
      );
      return principal.sessionId
        ? [user, encodeChange({ kind: 'session', id: principal.sessionId }), ...organizations]
        : [user, ...organizations];
    }
    case 'apiKey':
      return [encodeChange({ kind: 'apiKey', id: principal.keyId })];
    default:
      return [];
  }
}

/**
 * Principals by bearer token (hashed: the cache never holds a usable secret). Only trusted while
 * the invalidation feed is connected; `disable()` empties it and stops reuse until `enable()`.
 */
export function createPrincipalCache(options: PrincipalCacheOptions) {
  const entries = new Map<string, Entry>();
  // Entries by the change that ends them: an invalidation costs what it removes, not a scan of
  // every cached principal (20,000 changes over 10,000 entries would otherwise stall the loop).
  const byChange = new Map<string, Set<string>>();
  const now = options.now ?? Date.now;
  let enabled = false;
  // Bumped by every invalidation: a principal resolved while a change was committing must not be
  // cached after that change's invalidation has already passed. The recent changes are kept, so
  // that only a principal they concern is refused (a busy tenant's changes do not stop caching for
  // everyone); older than the window, or after a disable, nothing resolved before is cached.
  let generation = 0;
  let floor = 0;
  // A ring of the last RECENT_CHANGES changes: overwriting its oldest slot costs nothing.
  const recent: ({ generation: number; change: PrincipalChange } | undefined)[] = [];
  let next = 0;
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
      case 'organization':
        return principal.kind === 'user' && principal.memberships.some((m) => m.organizationId === change.id);
    }
  };

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    for (const changeKey of changeKeysOf(entry.principal)) {
      const keys = byChange.get(changeKey);
      keys?.delete(key);
      if (keys?.size === 0) byChange.delete(changeKey);
    }
  };

  return {
    get(token: string): Principal | undefined {
      if (!enabled) return undefined;
      const entry = entries.get(keyOf(token));
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        remove(keyOf(token));
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
      if (recent.some((r) => r && r.generation > resolvedAt && matches(principal, r.change))) return;
      // Oldest first out: a Map iterates in insertion order.
      const key = keyOf(token);
      remove(key);
      if (entries.size >= options.maxEntries) remove(entries.keys().next().value!);
      const expiresAt = Math.min(now() + options.ttlMs, credentialExpiresAt ?? Number.POSITIVE_INFINITY);
      entries.set(key, { principal, expiresAt });
      for (const changeKey of changeKeysOf(principal)) {
        let keys = byChange.get(changeKey);
        if (!keys) byChange.set(changeKey, (keys = new Set()));
        keys.add(key);
      }
    },
    forget(token: string): void {
      remove(keyOf(token));
    },
    invalidate(change: PrincipalChange): void {
      generation++;
      const oldest = recent[next];
      if (oldest) floor = oldest.generation;
      recent[next] = { generation, change };
      next = (next + 1) % RECENT_CHANGES;
      const keys = byChange.get(encodeChange(change));
      if (keys) for (const key of [...keys]) remove(key);
    },
    enable(): void {
      enabled = true;
    },
    disable(): void {
      enabled = false;
      generation++;
      floor = generation;
      recent.length = 0;
      next = 0;
      entries.clear();
      byChange.clear();
    },
    get size() {
      return entries.size;
    },
  };
}

export type PrincipalCache = ReturnType<typeof createPrincipalCache>;
