import { performance } from 'node:perf_hooks';
import type pg from 'pg';

export interface Bucket {
  /** Requests the bucket holds when full (the burst). */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

/** One bucket per principal, and a larger one per IP (several principals may share an address). */
export interface RateLimitOptions {
  principal: Bucket;
  ip: Bucket;
}

export interface RateLimitVerdict {
  allowed: boolean;
  /** The bucket that ran out ('ip' or 'principal'), and when to retry. */
  bucket?: string;
  retryAfterSeconds?: number;
}

// One statement refills and takes a token from every bucket of the request. PostgreSQL serializes
// concurrent updates of a row, so the buckets are shared by every gateway process; `granted`
// records whether this request got a token from that bucket.
const REFILLED = `least(excluded.capacity, b.tokens + extract(epoch from clock_timestamp() - b.updated_at) * excluded.rate)`;
const TAKE = `
  insert into gateway.rate_buckets as b (key, tokens, granted, capacity, rate, updated_at)
  select key, capacity - 1, true, capacity, rate, clock_timestamp()
    from unnest($1::text[], $2::float8[], $3::float8[]) as t(key, capacity, rate)
  on conflict (key) do update set
    tokens = case when ${REFILLED} >= 1 then ${REFILLED} - 1 else ${REFILLED} end,
    granted = ${REFILLED} >= 1,
    capacity = excluded.capacity,
    rate = excluded.rate,
    updated_at = clock_timestamp()
  returning key, tokens, granted, rate`;

export interface BucketKey {
  key: string;
  bucket: Bucket;
}

// A bucket idle for longer than it takes to refill is full again, the same as no row at all.
const PRUNE = `delete from gateway.rate_buckets
  where updated_at < clock_timestamp() - make_interval(secs => capacity / rate)`;

interface BucketRow {
  key: string;
  tokens: number;
  granted: boolean;
  rate: number;
}

function verdictOf(rows: BucketRow[]): RateLimitVerdict {
  const empty = rows.find((row) => !row.granted);
  if (!empty) return { allowed: true };
  return {
    allowed: false,
    bucket: empty.key.split(':', 1)[0],
    retryAfterSeconds: Math.max(1, Math.ceil((1 - empty.tokens) / empty.rate)),
  };
}

/**
 * The same buckets held by this process alone: what limits requests while PostgreSQL cannot be
 * reached. Bounded: past `maxKeys` the oldest bucket goes (an absent bucket is a full one).
 */
function createLocalBuckets(maxKeys = 10_000, now = () => performance.now() / 1000) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (keys: BucketKey[]): BucketRow[] =>
    keys.map(({ key, bucket }) => {
      const t = now();
      const held = buckets.get(key);
      const refilled = held
        ? Math.min(bucket.capacity, held.tokens + (t - held.at) * bucket.refillPerSecond)
        : bucket.capacity;
      const granted = refilled >= 1;
      buckets.delete(key);
      if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
      buckets.set(key, { tokens: granted ? refilled - 1 : refilled, at: t });
      return { key, tokens: granted ? refilled - 1 : refilled, granted, rate: bucket.refillPerSecond };
    });
}

export interface RateLimiterHooks {
  /** Called when the shared buckets were unreachable and this process limited the request alone. */
  onDegraded?: (error: unknown) => void;
}

/**
 * A token-bucket limiter whose buckets live in PostgreSQL, shared by every gateway process.
 * PostgreSQL unreachable: neither open (a flood would pass) nor closed (every request a 500): each
 * process keeps the same buckets in memory until PostgreSQL answers again.
 */
export function createRateLimiter(pool: pg.Pool, hooks: RateLimiterHooks = {}) {
  const local = createLocalBuckets();
  return {
    async take(keys: BucketKey[]): Promise<RateLimitVerdict> {
      if (!keys.length) return { allowed: true };
      try {
        const { rows } = await pool.query<BucketRow>(TAKE, [
          keys.map((k) => k.key),
          keys.map((k) => k.bucket.capacity),
          keys.map((k) => k.bucket.refillPerSecond),
        ]);
        return verdictOf(rows);
      } catch (error) {
        hooks.onDegraded?.(error);
        return verdictOf(local(keys));
      }
    },
    /** Deletes the buckets that are full again; returns how many. */
    async prune(): Promise<number> {
      return (await pool.query(PRUNE)).rowCount ?? 0;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
