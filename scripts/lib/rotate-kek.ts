import { userInfo } from 'node:os';
import { isWrappedBy, type KeyEncryptionKey } from '../../platform/crypto/key-encryption-key.ts';
import { dataKeyContext } from '../../platform/crypto/subject-key-store.ts';
import { initOrm } from '../../subgraphs/runtime/orm.ts';
import { auditEntities, auditMigrations } from '../../subgraphs/audit/src/module.ts';
import { appendSystemEvents } from '../../subgraphs/audit/src/system/system-chain.repository.ts';
import { clientSecretContext } from '../../subgraphs/identity/src/organization-sso/organization-sso.repository.ts';

export interface Rotation {
  toKeyId: string;
  fromKeyIds: string[];
  dataKeys: number;
  ssoClientSecrets: number;
}

/** The key id a wrapped value names (`<key id>/<sealed>`). */
const keyIdOf = (wrapped: string) => wrapped.slice(0, wrapped.indexOf('/'));

/**
 * Re-wraps every value the key-encryption key wraps (the subjects' data keys, organizations' SSO
 * client secrets) under `keyEncryptionKey`'s current key, reading the old ones with its retired
 * keys: no content is re-encrypted, the data keys stay the same. One transaction, as DATABASE_URL's
 * user (superuser or owner), with the system audit chain's record of it: all of it or nothing.
 * Afterwards the retired keys can be removed from the configuration.
 */
export async function rotateKeyEncryptionKey(
  databaseUrl: string,
  keyEncryptionKey: KeyEncryptionKey,
): Promise<Rotation> {
  const orm = await initOrm({
    subgraph: 'audit',
    clientUrl: databaseUrl,
    entities: auditEntities,
    migrations: auditMigrations,
    poolMax: 1,
  });
  try {
    const em = orm.em.fork();
    return await em.transactional(async (tx) => {
      const from = new Set<string>();
      const keys = await tx.execute<
        { id: string; subject_kind: 'organization' | 'person'; subject_id: string; wrapped_key: string }[]
      >(
        'select id, subject_kind, subject_id::text, wrapped_key from subject_keys.data_keys order by id for update',
      );
      let dataKeys = 0;
      for (const row of keys.filter((k) => !isWrappedBy(keyEncryptionKey, k.wrapped_key))) {
        const context = dataKeyContext(row.id, { kind: row.subject_kind, id: row.subject_id });
        const key = await keyEncryptionKey.unwrap(row.wrapped_key, context);
        from.add(keyIdOf(row.wrapped_key));
        await tx.execute('update subject_keys.data_keys set wrapped_key = ? where id = ?', [
          await keyEncryptionKey.wrap(key, context),
          row.id,
        ]);
        key.fill(0);
        dataKeys += 1;
      }
      const secrets = await tx.execute<{ organization_id: string; client_secret_sealed: string }[]>(
        `select organization_id::text, client_secret_sealed from identity.organization_sso
          where client_secret_sealed is not null order by organization_id for update`,
      );
      let ssoClientSecrets = 0;
      for (const row of secrets.filter((s) => !isWrappedBy(keyEncryptionKey, s.client_secret_sealed))) {
        const context = clientSecretContext(row.organization_id);
        const secret = await keyEncryptionKey.unwrap(row.client_secret_sealed, context);
        from.add(keyIdOf(row.client_secret_sealed));
        await tx.execute(
          'update identity.organization_sso set client_secret_sealed = ? where organization_id = ?',
          [await keyEncryptionKey.wrap(secret, context), row.organization_id],
        );
        secret.fill(0);
        ssoClientSecrets += 1;
      }
      const rotation = {
        toKeyId: keyEncryptionKey.id,
        fromKeyIds: [...from].sort(),
        dataKeys,
        ssoClientSecrets,
      };
      // Key ids and counts only: ids derive from the keys by a one-way hash, never the keys.
      await appendSystemEvents(tx, [
        { source: 'OPERATOR', action: 'keys.kek.rotated', actor: userInfo().username, metadata: rotation },
      ]);
      return rotation;
    });
  } finally {
    await orm.close(true);
  }
}
