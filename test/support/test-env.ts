import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StewardKeys } from '../../platform/internal-token.ts';

/** What globalSetup hands to the test files, through the environment. */
export interface TestEnvironment extends StewardKeys {
  /** This jest worker's database (see testEnvironment). */
  databaseUrl: string;
  /** One migrated database per jest worker. */
  workerDatabaseUrls: string[];
  dbSecret: string;
}

export const TEST_ENV_VAR = 'STEWARD_TEST_ENV';
export const embeddedDataDir = () => join(tmpdir(), `steward-test-pg-${process.pid}`);

/**
 * The environment of this test file. Each jest worker has a database of its own: a stack's job
 * queue (pg-boss) and its schedules live in the database, and two files running at once on one
 * database took each other's exports and deletions. Files of one worker run one after another.
 */
export function testEnvironment(): TestEnvironment {
  const raw = process.env[TEST_ENV_VAR];
  if (!raw) throw new Error(`${TEST_ENV_VAR} is not set: run the tests through jest's globalSetup`);
  const env = JSON.parse(raw) as TestEnvironment;
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  const databaseUrl = env.workerDatabaseUrls[(worker - 1) % env.workerDatabaseUrls.length]!;
  return { ...env, databaseUrl };
}
