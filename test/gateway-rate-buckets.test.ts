import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { GATEWAY_ROLE, urlForRole } from '../platform/database.ts';
import { freePort } from '../scripts/lib/embedded-postgres.ts';
import { createRateLimiter, type Bucket } from '../gateway/src/rate-limit.ts';
import { testEnvironment } from './support/test-env.ts';

// The gateway's shared rate-limit buckets, on the real database as the gateway's own role.
const env = testEnvironment();
const pool = new pg.Pool({
  connectionString: urlForRole(env.databaseUrl, GATEWAY_ROLE, env.dbSecret),
  max: 2,
});
afterAll(() => pool.end());

const quick: Bucket = { capacity: 1, refillPerSecond: 1000 }; // full again within a millisecond
const slow: Bucket = { capacity: 5, refillPerSecond: 0.001 }; // full again in over an hour
const keysHeld = async (prefix: string) =>
  (
    await pool.query<{ key: string }>('select key from gateway.rate_buckets where key like $1', [
      `${prefix}%`,
    ])
  ).rows
    .map((r) => r.key)
    .sort();

describe('rate-limit buckets in PostgreSQL', () => {
  it('prunes the buckets that are full again, and only those', async () => {
    const limiter = createRateLimiter(pool);
    const prefix = `prune-${Date.now()}:`;
    await limiter.take([{ key: `${prefix}quick`, bucket: quick }]);
    await limiter.take([{ key: `${prefix}slow`, bucket: slow }]);
    expect(await keysHeld(prefix)).toEqual([`${prefix}quick`, `${prefix}slow`]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await limiter.prune()).toBeGreaterThanOrEqual(1);
    expect(await keysHeld(prefix)).toEqual([`${prefix}slow`]);
    // The pruned key starts full, as it would have been: its next request is allowed.
    expect((await limiter.take([{ key: `${prefix}quick`, bucket: quick }])).allowed).toBe(true);
  });

  it('PostgreSQL unreachable: the same buckets, held by the process, still refuse a burst; each fall-back is reported', async () => {
    const down = new pg.Pool({
      connectionString: `postgres://nobody:nothing@127.0.0.1:${await freePort()}/none`,
      connectionTimeoutMillis: 500,
    });
    down.on('error', () => undefined);
    const reported: unknown[] = [];
    const limiter = createRateLimiter(down, { onDegraded: (error) => reported.push(error) });
    const key = [{ key: 'principal:user:flood', bucket: { capacity: 3, refillPerSecond: 0.01 } }];
    const verdicts = [];
    for (let i = 0; i < 5; i++) verdicts.push(await limiter.take(key));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false, false]);
    expect(verdicts[3]).toMatchObject({ bucket: 'principal', retryAfterSeconds: expect.any(Number) });
    expect(reported).toHaveLength(5);
    await down.end();
  });
});
