// npm run seal-backfill: seals the SHRED values stored in clear before sealing began.
import { KeyEncryptionKeyEnv, loadConfig } from '../platform/config.ts';
import { keyEncryptionKeyFromEnv } from '../platform/crypto/key-encryption-key.ts';
import { LocalEnv, openLocalDatabase } from './lib/local-config.ts';
import { sealBackfill } from './lib/seal-backfill.ts';

const env = loadConfig(LocalEnv.extend(KeyEncryptionKeyEnv.shape));
const database = await openLocalDatabase(env);
try {
  const sealed = await sealBackfill(database.url, env.STEWARD_DB_SECRET, keyEncryptionKeyFromEnv(env));
  for (const [column, count] of Object.entries(sealed)) console.log(`${column}: ${count} sealed`);
} finally {
  await database.stop();
}
