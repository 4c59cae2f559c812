// npm run rotate-kek: re-wraps the subjects' data keys and the SSO client secrets under
// STEWARD_KEY_ENCRYPTION_KEY, reading them with STEWARD_RETIRED_KEY_ENCRYPTION_KEYS; recorded in
// the system audit chain. Then remove the retired keys from every process's configuration.
import { KeyEncryptionKeyEnv, loadConfig } from '../platform/config.ts';
import { keyEncryptionKeyFromEnv } from '../platform/crypto/key-encryption-key.ts';
import { LocalEnv, openLocalDatabase } from './lib/local-config.ts';
import { rotateKeyEncryptionKey } from './lib/rotate-kek.ts';

const env = loadConfig(LocalEnv.extend(KeyEncryptionKeyEnv.shape));
if (env.NODE_ENV === 'production' && !env.STEWARD_KEY_ENCRYPTION_KEY) {
  console.error('STEWARD_KEY_ENCRYPTION_KEY: the new key-encryption key is required');
  process.exit(1);
}
const database = await openLocalDatabase(env);
try {
  const rotation = await rotateKeyEncryptionKey(database.url, keyEncryptionKeyFromEnv(env));
  console.log(
    `Re-wrapped ${rotation.dataKeys} data keys and ${rotation.ssoClientSecrets} SSO client secrets under ${rotation.toKeyId}` +
      (rotation.fromKeyIds.length ? ` (from ${rotation.fromKeyIds.join(', ')})` : '') +
      '; recorded in the system audit chain. The retired keys can now be removed from the configuration.',
  );
} finally {
  await database.stop();
}
