import { mkdir, open, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import type { InternalClient } from '../../../../platform/internal-client.ts';
import { SUBJECT_EXPORT_PATH } from '../../../../contracts/subject-data-export.ts';
import {
  scopeOfSubject,
  subjectIdsOf,
  subjectKindOf,
  subjectOfPayload,
  subjectPayload,
  type Subject,
} from '../../../protocols/subject-data/subject-data.ts';
import { runInScope } from '../../../runtime/orm.ts';
import { regionsOfOrganizations, regionsOfSubject } from '../../../../contracts/regions.ts';
import { organizationsOfUser } from '../subject-access.ts';
import type { DataMapType } from '../data-map/data-map.ts';
import type { Job } from '../jobs/job-queue.ts';
import type { BlobStore } from './blob-store.ts';
import { completeExport, failExportRow, findExport, markExportRunning } from './data-export.repository.ts';
import { PartFile, PartRouter } from './part-router.ts';
import { writeTar, type TarEntry } from './tar-writer.ts';

export { EXPORT_JOB } from '../jobs/job-queue.ts';
export const MANIFEST_FORMAT = 'steward-export/1';

export interface ExportJobDeps {
  orm: MikroORM;
  internal: InternalClient;
  blobStore: BlobStore;
  dataMap: readonly DataMapType[];
  /** The deployment's home region, where a user's own data is held. */
  homeRegion: string;
  /** Scratch space for the parts while they are collected. */
  workDir: string;
  logger: Logger;
}

/** One part of the archive, as listed in manifest.json. */
export interface ManifestPart {
  file: string;
  type: string;
  subgraphs: string[];
  count: number;
  bytes: number;
  sha256: string;
  /** Field name → export label, for the fields a record may carry. */
  fields: Record<string, string>;
}

export interface ExportManifest {
  format: typeof MANIFEST_FORMAT;
  exportId: string;
  /** `{ organizationId }`, `{ userId }`, or both for a member's export (the organization's data about them). */
  subject: Record<string, string>;
  /** Where the data was held: an organization's region; a user's home and organizations' regions. */
  regions: string[];
  createdAt: string;
  parts: ManifestPart[];
}

export const archiveKeyOf = (exportId: string) => `exports/${exportId}.tar`;

/** The job's payload: the export's id and its subject's, nothing else. */
export const exportJobPayload = (exportId: string, subject: Subject) => subjectPayload(subject, { exportId });

/** The data map's types that belong to such a subject, and the subgraphs that hold them. */
export function typesOfSubject(dataMap: readonly DataMapType[], subject: Subject): DataMapType[] {
  const kind = subjectKindOf(subject);
  return dataMap.filter((type) =>
    kind === 'organization'
      ? type.tenantField
      : kind === 'user'
        ? type.userField
        : type.tenantField && type.userField,
  );
}

/**
 * Builds one export: asks every subgraph holding the subject's types for its records (JSON Lines,
 * streamed), writes one part per type with its count and SHA-256, then one tar (manifest first) to
 * the blob store. Idempotent: a completed export is left alone, and a rerun after a crash starts
 * the parts again and replaces the archive atomically, so there is only ever one.
 */
export function exportJobHandler(deps: ExportJobDeps) {
  const { orm, internal, blobStore, logger } = deps;
  return async (job: Job): Promise<void> => {
    const exportId = job.payload.exportId;
    if (!exportId) throw new Error('Export job without an export id');
    const subject = subjectOfPayload(job.payload);
    const scope = scopeOfSubject(subject);
    const inScope = <T>(work: Parameters<typeof runInScope<T>>[2]) => runInScope(orm, scope, work);

    const row = await inScope(({ em }) => findExport(em, exportId));
    if (!row) throw new Error(`Export ${exportId} not found`);
    if (row.status === 'COMPLETED') return;
    const setProgress = (progress: number) => inScope(({ em }) => markExportRunning(em, exportId, progress));
    await setProgress(0);

    const types = typesOfSubject(deps.dataMap, subject);
    const subgraphs = [...new Set(types.flatMap((type) => type.subgraphs))].sort();
    const dir = join(deps.workDir, exportId);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const parts = new Map<string, PartFile>();
    const partOf = async (type: string): Promise<PartFile> => {
      let part = parts.get(type);
      if (!part) {
        part = new PartFile(await open(join(dir, `${type}.jsonl`), 'w'));
        parts.set(type, part);
      }
      return part;
    };

    try {
      // Every type of the subject has a part, empty when it has no records.
      for (const type of types) await partOf(type.name);
      const query = new URLSearchParams(subjectIdsOf(subject));
      const origin = { requestId: `export-${exportId}`, ip: null, userAgent: null };
      for (const [index, subgraph] of subgraphs.entries()) {
        const response = await internal.get(subgraph, `${SUBJECT_EXPORT_PATH}?${query.toString()}`, origin);
        const router = new PartRouter(partOf);
        try {
          await pipeline(response, router);
        } finally {
          await router.settle().catch(() => {});
        }
        await setProgress((index + 1) / (subgraphs.length + 1));
      }
    } finally {
      await Promise.all([...parts.values()].map((part) => part.file.close()));
    }

    const origin = { requestId: `export-${exportId}`, ip: null, userAgent: null };
    const organizationIds =
      subject.organizationId !== undefined
        ? [subject.organizationId]
        : await organizationsOfUser(internal, subject.userId, origin);
    const regions = regionsOfSubject(
      subject,
      await regionsOfOrganizations(internal, organizationIds, origin),
      deps.homeRegion,
    );
    const labels = new Map(types.map((type) => [type.name, type]));
    const manifest: ExportManifest = {
      format: MANIFEST_FORMAT,
      exportId,
      subject: subjectIdsOf(subject),
      regions,
      createdAt: new Date().toISOString(),
      parts: [...parts.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, part]) => ({
          file: `${type}.jsonl`,
          type,
          subgraphs: labels.get(type)?.subgraphs ?? [],
          count: part.count,
          bytes: part.bytes,
          sha256: part.hash.digest('hex'),
          fields: Object.fromEntries(
            (labels.get(type)?.fields ?? []).flatMap((field) =>
              field.exportLabel ? [[field.name, field.exportLabel]] : [],
            ),
          ),
        })),
    };
    const manifestPath = join(dir, 'manifest.json');
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    const now = new Date();
    const entries: TarEntry[] = [];
    for (const [name, path] of [
      ['manifest.json', manifestPath],
      ...manifest.parts.map((part) => [part.file, join(dir, part.file)]),
    ] as [string, string][]) {
      entries.push({ name, path, sizeBytes: (await stat(path)).size, mtime: now });
    }
    const key = archiveKeyOf(exportId);
    const archivePath = join(dir, 'archive.tar');
    const stored = await writeTar(archivePath, entries);
    await blobStore.putFile(key, archivePath);
    await rm(dir, { recursive: true, force: true });

    const recorded = await inScope(async ({ em }) => {
      const completed = await completeExport(em, exportId, {
        blobKey: key,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
      });
      // The subject was deleted while its export was being built: the archive must not outlive it.
      if (!completed) return false;
      await recordAuditEvent(em, 'lifecycle', {
        action: 'lifecycle.export.completed',
        outcome: 'SUCCESS',
        organizationId: subject.organizationId ?? null,
        actor: { type: 'SYSTEM', id: 'lifecycle', ip: null, userAgent: null, deviceType: null },
        target: { type: 'DataExport', id: exportId },
        metadata: {
          parts: manifest.parts.length,
          records: manifest.parts.reduce((sum, part) => sum + part.count, 0),
          sizeBytes: stored.sizeBytes,
        },
      });
      return true;
    });
    if (!recorded) {
      await blobStore.delete(key);
      logger.warn({ exportId }, 'data export dropped: its subject was deleted meanwhile');
      return;
    }
    logger.info({ exportId, sizeBytes: stored.sizeBytes }, 'data export completed');
  };
}

/** Marks an export FAILED once its job gives up. */
export async function failExport(orm: MikroORM, job: Job, error: unknown): Promise<void> {
  const exportId = job.payload.exportId;
  if (!exportId) return;
  const message = error instanceof Error ? error.message : String(error);
  await runInScope(orm, scopeOfSubject(subjectOfPayload(job.payload)), ({ em }) =>
    failExportRow(em, exportId, message),
  );
}
