import { performance } from 'node:perf_hooks';
import type { Principal } from '../platform/principal.ts';
import type { PrincipalChange } from '../platform/principal-changes.ts';
import { createPrincipalCache } from '../gateway/src/principal-cache.ts';

export interface PrincipalCacheResults {
  cachedPrincipals: number;
  changes: number;
  /** The whole burst in one synchronous turn, on a fresh process: the worst stall possible. */
  coldBurstMs: number;
  /** The same on a process that has invalidated before (as a running gateway has). */
  warmBurstMs: number;
  /** The longest turn when the changes arrive as NOTIFY does, about 1,000 per socket read. */
  longestTurnMs: number;
  leftCached: number;
}

const CACHED = 10_000;
const PER_TURN = 1_000;

function filledCache() {
  const cache = createPrincipalCache({ ttlMs: 60_000, maxEntries: CACHED });
  cache.enable();
  for (let i = 0; i < CACHED; i++) {
    const principal: Principal = {
      kind: 'user',
      userId: `user-${i}`,
      sessionId: `session-${i}`,
      memberships: [],
    };
    cache.set(`token-${i}`, principal, null, cache.generation());
  }
  return cache;
}

/** What deleting a 20,000-member organization sends: a change per member, half of them cached. */
const changes: PrincipalChange[] = [
  ...Array.from({ length: 20_000 }, (_, i) => ({ kind: 'user' as const, id: `user-${i * 2}` })),
  { kind: 'apiKey' as const, id: 'organization-key' },
];

function timeBurst(): { ms: number; left: number } {
  const cache = filledCache();
  const started = performance.now();
  for (const change of changes) cache.invalidate(change);
  return { ms: performance.now() - started, left: cache.size };
}

function longestTurn(): number {
  const cache = filledCache();
  let longest = 0;
  for (let from = 0; from < changes.length; from += PER_TURN) {
    const started = performance.now();
    for (const change of changes.slice(from, from + PER_TURN)) cache.invalidate(change);
    longest = Math.max(longest, performance.now() - started);
  }
  return longest;
}

/** The gateway's principal cache under the invalidations of a large organization's deletion. */
export function runPrincipalCache(log: (line: string) => void): PrincipalCacheResults {
  const cold = timeBurst();
  const warm = timeBurst();
  const results = {
    cachedPrincipals: CACHED,
    changes: changes.length,
    coldBurstMs: cold.ms,
    warmBurstMs: warm.ms,
    longestTurnMs: longestTurn(),
    leftCached: cold.left,
  };
  log(
    `principal cache: ${changes.length} changes over ${CACHED} principals: ${cold.ms.toFixed(1)} ms cold, ` +
      `${warm.ms.toFixed(1)} ms warm, longest turn of ${PER_TURN} ${results.longestTurnMs.toFixed(1)} ms`,
  );
  return results;
}
