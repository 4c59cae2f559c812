import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { DestroyOptions } from '../../../protocols/subject-data/destroy-route.ts';
import type { BlobStore } from '../export/blob-store.ts';
import { archiveKeyOf } from '../export/export-job.ts';

/** A deleted export takes its archive with it: the archive holds the very data being destroyed. */
export const lifecycleDestroyOptions = (blobStore: BlobStore): DestroyOptions => ({
  hooks: {
    DataExport: {
      after: async (_em, _subject, rows) => {
        for (const row of rows) await blobStore.delete(archiveKeyOf(row.key!));
      },
    },
  },
});

let developmentKey: KeyObject | undefined;

/**
 * A key for development and tests when none is configured: one per process, so its certificates
 * stop verifying after a restart. Production requires STEWARD_CERTIFICATE_SIGNING_KEY.
 */
export function developmentCertificateKey(): KeyObject {
  developmentKey ??= generateKeyPairSync('ed25519').privateKey;
  return developmentKey;
}
