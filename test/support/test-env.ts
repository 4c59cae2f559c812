import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StewardKeys } from '../../platform/internal-token.ts';

/** What globalSetup hands to the test files, through the environment. */
export interface TestEnvironment extends StewardKeys {
  databaseUrl: string;
  dbSecret: string;
}

export const TEST_ENV_VAR = 'STEWARD_TEST_ENV';
export const embeddedDataDir = () => join(tmpdir(), `steward-test-pg-${process.pid}`);

export function testEnvironment(): TestEnvironment {
  const raw = process.env[TEST_ENV_VAR];
  if (!raw) throw new Error(`${TEST_ENV_VAR} is not set: run the tests through jest's globalSetup`);
  return JSON.parse(raw) as TestEnvironment;
}
