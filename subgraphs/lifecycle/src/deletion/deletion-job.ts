import { createHash, hkdfSync } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import type { InternalClient } from '../../../../platform/internal-client.ts';
import { DELETION_ORDER, destroyEverywhere } from './destroy-everywhere.ts';
import { chainHeadPath, type ChainHead } from '../../../../contracts/audit-chain-head.ts';
import {
  scopeOfSubject,
  subjectIdsOf,
  subjectKindOf,
  subjectOfPayload,
} from '../../../protocols/subject-data/subject-data.ts';
import { runInScope } from '../../../runtime/orm.ts';
import type { SigningKeys } from '../../../../platform/signing-keys.ts';
import type { Job } from '../jobs/job-queue.ts';
import type { SubjectKeyStore } from '../../../../platform/crypto/subject-keys.ts';
import { certifiedKeys, destroySubjectKeys, purgeDestroyedKeyCopies } from './destroyed-keys.ts';
import type { DeletionRequest } from './deletion-request.entity.ts';
import { organizationsOfUser } from '../subject-access.ts';
import { regionsOfOrganizations, regionsOfSubject } from '../../../../contracts/regions.ts';
import { CERTIFICATE_FORMAT, signCertificate, type CertificateContent } from './certificate.ts';
import { appendLedgerEntry, ledgerEntryOf, storeLedgerEntry } from '../ledger/erasure-ledger.ts';
import type { BlobStore } from '../export/blob-store.ts';
import {
  completeDeletion,
  failDeletionRow,
  findDeletion,
  fixOrganizations,
  fixRegions,
  setDeletionProgress,
  startDeletion,
} from './deletion-request.repository.ts';

export { DELETION_JOB, deletionJobPayload } from './deletion-job-payload.ts';

export interface DeletionJobDeps {
  orm: MikroORM;
  internal: InternalClient;
  keys: SigningKeys;
  /** The subjects' key store: a deletion destroys its subject's data keys first. */
  subjectKeys: SubjectKeyStore;
  backupRetentionDays: number;
  /** The deployment's home region, where a user's own data is held. */
  homeRegion: string;
  logger: Logger;
  /** Keeps the erasure ledger's copy outside the database, and the backups' key-store copies. */
  blobStore: BlobStore;
  /** STEWARD_BACKUP_KEY: the destroyed keys are taken out of the backups' key-store copies. */
  backupKey: Buffer;
}

/** The secret of one deletion's pseudonyms: stable across its retries, derived, never stored. */
export const pseudonymKeyOf = (keys: SigningKeys, deletionId: string) =>
  Buffer.from(
    hkdfSync(
      'sha256',
      keys.signing.key.export({ type: 'pkcs8', format: 'der' }),
      deletionId,
      'steward deletion pseudonyms',
      32,
    ),
  ).toString('hex');

/**
 * Runs one deletion: each subgraph destroys the subject's data batch by batch (resumable: each
 * keeps its own committed progress), then each verifies that nothing is left, then the signed
 * certificate and the completion are stored together. A rerun after a crash goes on where the
 * subgraphs stopped and issues the one certificate; a completed, cancelled or held one is left alone.
 */
export function deletionJobHandler(deps: DeletionJobDeps) {
  const { orm, internal, keys, logger } = deps;
  return async (job: Job): Promise<void> => {
    const deletionId = job.payload.deletionId;
    if (!deletionId) throw new Error('Deletion job without a deletion id');
    const subject = subjectOfPayload(job.payload);
    const inScope = <T>(work: Parameters<typeof runInScope<T>>[2]) =>
      runInScope(orm, scopeOfSubject(subject), work);
    const origin = { requestId: `deletion-${deletionId}`, ip: null, userAgent: null };

    const started = await inScope(({ em }) => startDeletion(em, deletionId));
    if (!started) return;

    // First, before any row goes: the subject's data keys. From this moment every copy of what
    // was sealed under them (live rows, retained audit events, backups) is unreadable. Idempotent:
    // a rerun states the keys the first run destroyed.
    const destroyedKeys = await destroySubjectKeys(deps.subjectKeys, subject);
    logger.info(
      { deletionId, keyIds: destroyedKeys.map((key) => key.id) },
      'deletion: subject keys destroyed',
    );
    // And from the backups' key-store copies: no restore brings them back.
    await purgeDestroyedKeyCopies({ ...deps, logger }, subject, destroyedKeys);

    // The organizations whose audit chains the certificate cites: fixed before anything is deleted.
    let organizationIds = started.organizationIds;
    if (!organizationIds) {
      // A member's deletion touches its organization only; a person's, every one they belong to.
      organizationIds =
        subject.organizationId !== undefined
          ? [subject.organizationId]
          : await organizationsOfUser(internal, subject.userId, origin);
      const fixed = organizationIds;
      await inScope(({ em }) => fixOrganizations(em, deletionId, fixed));
    }

    // Where the data was held, stated in the certificate: fixed too, the organizations go.
    let regions = started.regions;
    if (!regions) {
      const held = await regionsOfOrganizations(internal, organizationIds, origin);
      const fixed = regionsOfSubject(subject, held, deps.homeRegion);
      regions = fixed;
      await inScope(({ em }) => fixRegions(em, deletionId, fixed));
    }

    const pseudonymKey = pseudonymKeyOf(keys, deletionId);
    const { destroyed, remaining } = await destroyEverywhere(internal, origin, {
      deletionId,
      subject,
      pseudonymKey,
      organizationIds,
      onSubgraphDone: (index) =>
        inScope(({ em }) => setDeletionProgress(em, deletionId, (index + 1) / (DELETION_ORDER.length + 1))),
    });
    // Something is left (a row written meanwhile): the job fails and its retry deletes it.
    if (remaining > 0) throw new Error(`Deletion ${deletionId}: ${remaining} rows left after destruction`);
    const checkedAt = new Date();

    const auditChainHeads: CertificateContent['auditChainHeads'] = [];
    for (const organizationId of [...organizationIds].sort()) {
      auditChainHeads.push(await internal.route<ChainHead>('audit', chainHeadPath(organizationId), origin));
    }
    const completedAt = new Date();
    const content: CertificateContent = {
      format: CERTIFICATE_FORMAT,
      certificateId: crypto.randomUUID(),
      issuedAt: completedAt.toISOString(),
      subject: subjectIdsOf(subject),
      regions,
      request: {
        id: started.id,
        origin: started.origin,
        reason: started.reason,
        requestedAt: started.requestedAt.toISOString(),
        scheduledFor: started.scheduledFor.toISOString(),
        startedAt: (started.startedAt ?? checkedAt).toISOString(),
      },
      // A contract's end is the system's doing, whoever set the date (they may read the result).
      requester:
        started.requestedBy && started.origin === 'REQUEST'
          ? { type: 'USER', id: started.requestedBy }
          : { type: 'SYSTEM', id: 'lifecycle' },
      subgraphs: destroyed,
      verification: { passed: true, remaining, checkedAt: checkedAt.toISOString() },
      backups: {
        retentionDays: deps.backupRetentionDays,
        dataExpiresFromBackupsBy: new Date(
          completedAt.getTime() + deps.backupRetentionDays * 86_400_000,
        ).toISOString(),
      },
      keys: certifiedKeys(subject, destroyedKeys),
      auditChainHeads,
    };
    const certificate = signCertificate(keys, content);
    // The ledger's copy outside the database first: the data is already gone (verified), so an
    // entry whose completion then fails to commit only re-erases what is erased on a restore.
    const ledgerEntry = ledgerEntryOf(
      deletionId,
      subject,
      organizationIds,
      content.certificateId,
      completedAt,
    );
    await storeLedgerEntry(deps.blobStore, ledgerEntry);

    // The completion events join each organization's chain: the scope covers them all.
    const finalScope = { ...scopeOfSubject(subject), tenantIds: organizationIds };
    await runInScope(orm, finalScope, async ({ em }) => {
      await completeDeletion(em, deletionId, {
        id: content.certificateId,
        issuedAt: completedAt,
        document: certificate.document,
        signature: certificate.signature,
        keyId: certificate.keyId,
      });
      await appendLedgerEntry(em, ledgerEntry);
      // Non-personal: which deletion, which certificate (its digest), how many rows; no names.
      for (const organizationId of organizationIds) {
        await recordAuditEvent(em, 'lifecycle', {
          action: 'lifecycle.deletion.completed',
          outcome: 'SUCCESS',
          organizationId,
          actor: { type: 'SYSTEM', id: 'lifecycle', ip: null, userAgent: null, deviceType: null },
          target: { type: 'DeletionRequest', id: deletionId },
          metadata: {
            subjectType: { organization: 'Organization', user: 'User', member: 'Membership' }[
              subjectKindOf(subject)
            ],
            certificateId: content.certificateId,
            certificateSha256: createHash('sha256').update(certificate.document).digest('hex'),
            // The organization's own deletions (of it, of its data about a member) carry the
            // signed certificate to its webhooks; a person's own stays theirs (the digest only).
            ...(subject.organizationId !== undefined
              ? {
                  certificate: {
                    document: certificate.document,
                    signature: certificate.signature,
                    keyId: certificate.keyId,
                  },
                }
              : {}),
            rows: destroyed
              .flatMap((s) => s.types)
              .reduce((sum, t) => sum + (t.strategy === 'RETAIN' ? 0 : t.count), 0),
          },
        });
      }
    });
    logger.info({ deletionId, certificateId: content.certificateId }, 'deletion completed');
  };
}

/** Marks a deletion FAILED once its job gives up; the row when it was due and is now FAILED. */
export async function failDeletion(orm: MikroORM, job: Job, error: unknown): Promise<DeletionRequest | null> {
  const deletionId = job.payload.deletionId;
  if (!deletionId) return null;
  const message = error instanceof Error ? error.message : String(error);
  return runInScope(orm, scopeOfSubject(subjectOfPayload(job.payload)), async ({ em }) =>
    (await failDeletionRow(em, deletionId, message)) ? findDeletion(em, deletionId) : null,
  );
}
