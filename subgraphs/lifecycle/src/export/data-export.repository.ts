import type { EntityManager } from '@mikro-orm/postgresql';
import type { Subject } from '../../../protocols/subject-data/subject-data.ts';
import { DataExport } from './data-export.entity.ts';

/** An export by id, as the scope sees it (the entity's filter and row-level security). */
export const findExport = (em: EntityManager, id: string): Promise<DataExport | null> =>
  em.findOne(DataExport, { id }, { refresh: true });

/**
 * The export of `subject` still pending or running, if any, after taking the subject's export lock
 * for the rest of the transaction: a concurrent request for the same subject waits, then finds
 * the one this transaction creates. One archive at a time per subject, however often it is asked.
 */
export async function liveExportOf(em: EntityManager, subject: Subject): Promise<DataExport | null> {
  await em.execute(
    `select pg_advisory_xact_lock(hashtextextended('lifecycle.export:' || ? || ':' || ?, 0))`,
    [subject.organizationId ?? '', subject.userId ?? ''],
  );
  return em.findOne(
    DataExport,
    {
      organizationId: subject.organizationId ?? null,
      userId: subject.userId ?? null,
      status: { $in: ['PENDING', 'RUNNING'] },
    },
    { refresh: true, orderBy: { requestedAt: 'desc', id: 'desc' } },
  );
}

/** Records a new export request (PENDING); its job is enqueued beside it by the caller. */
export async function createExport(
  em: EntityManager,
  request: { id: string; subject: Subject; requestedBy: string },
): Promise<DataExport> {
  await em.insert(DataExport, {
    id: request.id,
    organizationId: request.subject.organizationId ?? null,
    userId: request.subject.userId ?? null,
    requestedBy: request.requestedBy,
  } as DataExport);
  const row = await findExport(em, request.id);
  if (!row) throw new Error('Export not readable after insert');
  return row;
}

/** The job works on it: RUNNING, with how far it got (0 to 1). */
export const markExportRunning = (em: EntityManager, id: string, progress: number) =>
  em.nativeUpdate(DataExport, { id }, { status: 'RUNNING', progress });

/**
 * Stores the archive's key, size and digest: COMPLETED. False when the row is gone (its subject was
 * deleted while the export was built): the archive must not outlive it.
 */
export async function completeExport(
  em: EntityManager,
  id: string,
  archive: { blobKey: string; sizeBytes: number; sha256: string },
): Promise<boolean> {
  const updated = await em.nativeUpdate(
    DataExport,
    { id },
    { status: 'COMPLETED', progress: 1, completedAt: new Date(), ...archive },
  );
  return updated > 0;
}

/** The job gave up. */
export const failExportRow = (em: EntityManager, id: string, message: string) =>
  em.nativeUpdate(DataExport, { id }, { status: 'FAILED', error: message.slice(0, 2000) });
