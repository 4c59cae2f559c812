import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { pino } from 'pino';
import { rolesOf, urlForRole } from '../platform/database.ts';
import { createVacuumStep, mayVacuum } from '../subgraphs/protocols/subject-data/vacuum.ts';
import { testEnvironment } from './support/test-env.ts';

// Steward runs on PostgreSQL 15 to 18 (CI runs this suite on the embedded 18 and on 15). What a
// newer major brings is detected at run time: here, MAINTAIN (17+) for deletion's VACUUM step.

const env = testEnvironment();
const pools: pg.Pool[] = [];
const poolAs = (role?: string) => {
  const pool = new pg.Pool({
    connectionString: role ? urlForRole(env.databaseUrl, role, env.dbSecret) : env.databaseUrl,
    max: 1,
  });
  pools.push(pool);
  return pool;
};
let version: number;

beforeAll(async () => {
  const { rows } = await poolAs().query<{ v: number }>(
    `select current_setting('server_version_num')::int as v`,
  );
  version = rows[0]!.v;
});
afterAll(() => Promise.all(pools.map((pool) => pool.end())));

describe('PostgreSQL majors', () => {
  it('the migrations ran; tenancy runtime holds MAINTAIN exactly where the major has it', async () => {
    const tenancy = poolAs(rolesOf('tenancy').runtime);
    const { allowed } = await mayVacuum(tenancy, 'tenancy.projects');
    expect(allowed).toBe(version >= 170000);
    const superuser = await mayVacuum(poolAs(), 'tenancy.projects');
    expect(superuser.allowed).toBe(true);
  });

  it("deletion's VACUUM step runs where permitted, otherwise is skipped and said once", async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const step = createVacuumStep();
    const identity = poolAs(rolesOf('identity').runtime);
    const tenancy = poolAs(rolesOf('tenancy').runtime);

    // identity's runtime role owns nothing and has no MAINTAIN grant: never vacuums, on any major.
    expect(await step(identity, 'identity.sessions', logger)).toBe(false);
    expect(await step(identity, 'identity.sign_in_attempts', logger)).toBe(false);
    expect(await step(identity, 'identity.sessions', logger)).toBe(false);
    expect(await step(tenancy, 'tenancy.projects', logger)).toBe(version >= 170000);

    const warnings = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(warnings).toEqual([
      expect.objectContaining({ level: 40, msg: expect.stringContaining('no VACUUM after deletion') }),
    ]);
  });
});
