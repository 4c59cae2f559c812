import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTypeDefs, type SubgraphModule } from '../../runtime/subgraph-module.ts';
import type { LifecycleLoaders } from './context.ts';
import { buildDataMap, readSupergraphSdl } from './data-map/data-map.ts';
import { createLifecycleResolvers } from './resolvers.ts';
import { lifecyclePermissions } from './permissions.ts';
import { DataExportSchema } from './export/data-export.entity.ts';
import { localBlobStore, type BlobStore } from './export/blob-store.ts';
import { createDownloadLinkSigner } from './export/download-link.ts';
import { DOWNLOAD_PATH } from '../../../contracts/data-export-download.ts';
import { downloadRoute } from './export/download-route.ts';
import { EXPORT_JOB, exportJobHandler, failExport } from './export/export-job.ts';
import { startJobWorker } from './jobs/job-queue.ts';
import { lifecycleSubjectData } from './subject-data.ts';
import { Migration20261121040000 } from './migrations/Migration20261121040000.ts';
import { Migration20261121050000 } from './migrations/Migration20261121050000.ts';
import { Migration20261121080000 } from './migrations/Migration20261121080000.ts';
import { DeletionRequestSchema } from './deletion/deletion-request.entity.ts';
import { DELETION_JOB, deletionJobHandler, failDeletion } from './deletion/deletion-job.ts';
import { developmentCertificateKey, lifecycleDestroyOptions } from './deletion/deletion-options.ts';
import { signingKeysOf } from '../../../platform/signing-keys.ts';
import type { KeyObject } from 'node:crypto';
import { Migration20261121060000 } from './migrations/Migration20261121060000.ts';
import { RetentionRuleSchema } from './retention/retention-rule.entity.ts';
import { startRetentionSweeper } from './retention/retention-sweep.ts';
import { retentionSweepIntervalMs } from './retention/retention-config.ts';

export { buildDataMap, readSupergraphSdl, type DataMapType } from './data-map/data-map.ts';
export { localBlobStore, type BlobStore } from './export/blob-store.ts';
export { readTar } from './export/tar-writer.ts';
export type { ExportManifest } from './export/export-job.ts';
export { sweepRetention, type RetentionSweepResult } from './retention/retention-sweep.ts';

export const lifecycleEntities: SubgraphModule['entities'] = [
  DataExportSchema,
  DeletionRequestSchema,
  RetentionRuleSchema,
];
export const lifecycleMigrations: SubgraphModule['migrations'] = [
  Migration20261121040000,
  Migration20261121050000,
  Migration20261121060000,
  Migration20261121080000,
];

export interface LifecycleModuleOptions {
  /** The composed supergraph SDL; read from `supergraphPath` when not given. */
  supergraphSdl?: string;
  /** Defaults to the repository's schema/supergraph.graphql. */
  supergraphPath?: string | URL;
  /** Where archives are kept. @default a local folder: STEWARD_BLOB_DIR, or steward-blobs in the temp dir */
  blobStore?: BlobStore;
  /** Signs download links. @default STEWARD_LIFECYCLE_SECRET, or a per-process random one (links die on restart) */
  linkSecret?: string;
  /** Ed25519 private key that signs certificates of destruction. @default a per-process one (not in production) */
  certificateKey?: KeyObject;
  /** Public keys of retired certificate keys: their certificates still verify. */
  retiredCertificateKeys?: KeyObject[];
  /** ISO-8601 duration between a deletion request and its execution. @default P7D */
  deletionGracePeriod?: string;
  /** Stated in certificates: when backups holding deleted data expire. @default 7 */
  backupRetentionDays?: number;
  /** A job whose worker died is taken up again after this long. @default 600 */
  jobLeaseSeconds?: number;
  /** Whether this process runs export and deletion jobs (another process may). @default true */
  jobWorker?: boolean;
  /** How long a download link stays valid. @default 900 */
  linkTtlSeconds?: number;
  /** How often the job worker looks for due jobs. @default 1000 */
  jobPollMs?: number;
  /** How often the retention sweep runs; 0 turns it off. @default RETENTION_SWEEP_INTERVAL_HOURS (6; off in tests) */
  retentionSweepIntervalMs?: number;
}

export function createLifecycleModule(
  options: LifecycleModuleOptions = {},
): SubgraphModule<LifecycleLoaders> {
  const dataMap = buildDataMap(options.supergraphSdl ?? readSupergraphSdl(options.supergraphPath));
  const typeDefs = loadTypeDefs(new URL('../schema.graphql', import.meta.url));
  const blobDir = process.env.STEWARD_BLOB_DIR ?? join(tmpdir(), 'steward-blobs');
  const blobStore = options.blobStore ?? localBlobStore(blobDir);
  const certificateKeys = signingKeysOf(
    options.certificateKey ?? developmentCertificateKey(),
    options.retiredCertificateKeys,
    'certificate signing',
  );
  const sweepMs = options.retentionSweepIntervalMs ?? retentionSweepIntervalMs();
  const links = createDownloadLinkSigner(
    options.linkSecret ?? process.env.STEWARD_LIFECYCLE_SECRET ?? randomBytes(32).toString('hex'),
    options.linkTtlSeconds ?? 900,
  );
  return {
    name: 'lifecycle',
    typeDefs,
    resolvers: createLifecycleResolvers({
      dataMap,
      links,
      deletion: {
        gracePeriod: options.deletionGracePeriod ?? 'P7D',
        verifying: certificateKeys.verifying,
      },
    }) as SubgraphModule<LifecycleLoaders>['resolvers'],
    permissions: lifecyclePermissions,
    entities: lifecycleEntities,
    migrations: lifecycleMigrations,
    createLoaders: () => ({}),
    subjectData: { declaration: lifecycleSubjectData, destroy: lifecycleDestroyOptions(blobStore) },
    routes: { [DOWNLOAD_PATH]: downloadRoute(blobStore, links) },
    background: ({ orm, logger, internal, listenUrl }) => {
      if (!internal) return { stop: async () => undefined };
      const exportJob = Object.assign(
        exportJobHandler({
          orm,
          internal,
          blobStore,
          dataMap,
          workDir: join(blobDir, '.work'),
          logger,
        }),
        { onFailure: (job: Parameters<typeof failExport>[1], error: unknown) => failExport(orm, job, error) },
      );
      const deletionJob = Object.assign(
        deletionJobHandler({
          orm,
          internal,
          keys: certificateKeys,
          backupRetentionDays: options.backupRetentionDays ?? 7,
          logger,
        }),
        {
          onFailure: (job: Parameters<typeof failDeletion>[1], error: unknown) =>
            failDeletion(orm, job, error),
        },
      );
      const worker =
        options.jobWorker === false
          ? null
          : startJobWorker(orm, { [EXPORT_JOB]: exportJob, [DELETION_JOB]: deletionJob }, logger, {
              pollMs: options.jobPollMs,
              leaseSeconds: options.jobLeaseSeconds,
              listenUrl,
            });
      const sweeper =
        sweepMs > 0 ? startRetentionSweeper({ orm, internal, blobStore, logger }, sweepMs) : null;
      return {
        stop: async () => {
          await sweeper?.stop();
          await worker?.stop();
        },
      };
    },
  };
}
