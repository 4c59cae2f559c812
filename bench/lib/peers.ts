import { join } from 'node:path';

/**
 * Where the peer gateways (Hive Gateway, grafbase) are installed: bench/peers, with its own
 * package.json and lockfile. STEWARD_BENCH_PEERS_DIR points elsewhere (the smoke test uses an
 * empty folder to prove that a peer asked for but missing fails the run).
 */
export const PEERS_DIR = process.env.STEWARD_BENCH_PEERS_DIR ?? join(import.meta.dirname, '..', 'peers');

/** The grafbase CLI's linux-x64 binary, from its platform package (installed directly, see the README of bench/peers). */
export const GRAFBASE_BINARY = join(
  PEERS_DIR,
  'node_modules',
  '@grafbase',
  'cli-x86_64-unknown-linux-musl',
  'grafbase',
);
