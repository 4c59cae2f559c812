import type { DestroyedKey, SubjectKeyStore } from '../../../../platform/crypto/subject-keys.ts';
import type { Subject } from '../../../protocols/subject-data/subject-data.ts';

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
