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

/** A token-bucket limiter whose buckets live in PostgreSQL. */
export function createRateLimiter(pool: pg.Pool) {
  return {
    async take(keys: BucketKey[]): Promise<RateLimitVerdict> {
      if (!keys.length) return { allowed: true };
      const { rows } = await pool.query<{ key: string; tokens: number; granted: boolean; rate: number }>(
        TAKE,
        [
          keys.map((k) => k.key),
          keys.map((k) => k.bucket.capacity),
          keys.map((k) => k.bucket.refillPerSecond),
        ],
      );
      const empty = rows.find((row) => !row.granted);
      if (!empty) return { allowed: true };
      return {
        allowed: false,
        bucket: empty.key.split(':', 1)[0],
        retryAfterSeconds: Math.max(1, Math.ceil((1 - empty.tokens) / empty.rate)),
      };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
