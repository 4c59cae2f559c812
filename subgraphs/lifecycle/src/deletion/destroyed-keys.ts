import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { DestroyedKey, SubjectKeyStore } from '../../../../platform/crypto/subject-keys.ts';
import { scopeOfSubject, type Subject } from '../../../protocols/subject-data/subject-data.ts';
import { runInScope } from '../../../runtime/orm.ts';
import type { BlobStore } from '../export/blob-store.ts';
import { KEY_STORE_COPIES_XACT_LOCK, purgeKeyStoreCopies } from '../backup/key-store-copy.ts';

/** What a certificate states of the keys a deletion destroyed. */
export interface CertifiedKeys {
  destroyed: { id: string; subject: { kind: string; id: string }; createdAt: string; destroyedAt: string }[];
  statement: string;
}

/**
 * The data keys a deletion destroys: an organization's, or a person's. A member's deletion (one
 * organization's data about a person) destroys none: the person's key seals what belongs to the
 * person alone (their account), which outlives their leaving one organization.
 */
export async function destroySubjectKeys(keys: SubjectKeyStore, subject: Subject): Promise<DestroyedKey[]> {
  if (subject.organizationId !== undefined && subject.userId !== undefined) return [];
  return keys.destroy(
    subject.organizationId !== undefined
      ? { kind: 'organization', id: subject.organizationId }
      : { kind: 'person', id: subject.userId! },
  );
}

/**
 * Destroyed keys leave the backups' key-store copies too: every copy holding one is rewritten
 * without it, under the lock every rewriter takes. A copy that cannot be rewritten throws: the
 * deletion job fails and its retry (which destroys nothing new) purges again.
 */
export async function purgeDestroyedKeyCopies(
  deps: { orm: MikroORM; blobStore: BlobStore; backupKey: Buffer; logger: Logger },
  subject: Subject,
  destroyed: readonly DestroyedKey[],
): Promise<void> {
  if (!destroyed.length) return;
  const purged = await runInScope(deps.orm, scopeOfSubject(subject), async ({ em }) => {
    await em.execute(KEY_STORE_COPIES_XACT_LOCK);
    return purgeKeyStoreCopies(
      deps.blobStore,
      deps.backupKey,
      destroyed.map((key) => key.id),
    );
  });
  deps.logger.info(
    { ...purged, keyIds: destroyed.map((key) => key.id) },
    'deletion: key-store copies purged',
  );
}

export const certifiedKeys = (subject: Subject, destroyed: readonly DestroyedKey[]): CertifiedKeys => ({
  destroyed: destroyed.map((key) => ({
    id: key.id,
    subject: { kind: key.subject.kind, id: key.subject.id },
    createdAt: key.createdAt.toISOString(),
    destroyedAt: key.destroyedAt.toISOString(),
  })),
  statement: destroyed.length
    ? 'These data keys were overwritten and deleted at destroyedAt, before any row was erased, and no copy of them is kept. ' +
      'From that moment every copy of the content sealed under them, in backups and in retained audit events, is unreadable; ' +
      'the backups themselves expire as stated under backups.'
    : subject.organizationId !== undefined && subject.userId !== undefined
      ? 'A member’s deletion destroys no data key: the person’s key seals what belongs to the person alone.'
      : 'No data key of this subject existed: nothing of it was sealed.',
});
