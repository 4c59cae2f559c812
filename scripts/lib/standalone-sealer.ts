import pg from 'pg';
import type { Logger } from 'pino';
import { KeyEncryptionKeyEnv, loadConfig } from '../../platform/config.ts';
import { keyEncryptionKeyFromEnv, type KeyEncryptionKey } from '../../platform/crypto/key-encryption-key.ts';
import { createContentSealer } from '../../platform/crypto/sealed-content.ts';
import { createSubjectKeyStore } from '../../platform/crypto/subject-key-store.ts';

/**
 * The subjects' key store and sealer for code that runs outside a subgraph process (the demo seed,
 * benchmarks, tests reading sealed rows): its own small pool on `connectionUrl`, the configured
 * key-encryption key (development's fixed one when unset), as startSubgraph builds them.
 */
export function standaloneSealer(
  connectionUrl: string,
  options: { keyEncryptionKey?: KeyEncryptionKey; cacheMs?: number; logger?: Logger } = {},
) {
  const pool = new pg.Pool({ connectionString: connectionUrl, max: 2 });
  // An idle connection the server ends (a restart, the end of a bench) is not a crash.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'key store connection lost'));
  const subjectKeys = createSubjectKeyStore({
    pool,
    keyEncryptionKey: options.keyEncryptionKey ?? keyEncryptionKeyFromEnv(loadConfig(KeyEncryptionKeyEnv)),
    cacheMs: options.cacheMs,
    logger: options.logger,
  });
  return {
    subjectKeys,
    sealer: createContentSealer(subjectKeys, { logger: options.logger }),
    close: () => pool.end(),
  };
}

export type StandaloneSealer = ReturnType<typeof standaloneSealer>;
