import { rmSync } from 'node:fs';
import type { LocalDatabase } from '../../scripts/lib/embedded-postgres.ts';
import { embeddedDataDir } from './test-env.ts';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { stewardTestDatabase?: LocalDatabase }).stewardTestDatabase;
  if (!server) return;
  await server.stop();
  rmSync(embeddedDataDir(), { recursive: true, force: true });
}
