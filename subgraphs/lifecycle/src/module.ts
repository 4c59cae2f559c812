import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTypeDefs, type SubgraphModule } from '../../kit/subgraph-module.ts';
import { lifecycleRoutes } from '../../kit/lifecycle/export-route.ts';
import type { LifecycleLoaders } from './context.ts';
import { buildDataMap, readSupergraphSdl } from './data-map/data-map.ts';
import { createLifecycleResolvers } from './resolvers.ts';
import { lifecyclePermissions } from './permissions.ts';
import { DataExportSchema } from './export/data-export.entity.ts';
import { localBlobStore, type BlobStore } from './export/blob-store.ts';
import { createDownloadLinkSigner, DOWNLOAD_PATH } from './export/download-link.ts';
import { downloadRoute } from './export/download-route.ts';
import { EXPORT_JOB, exportJobHandler, failExport } from './export/export-job.ts';
import { startJobWorker } from './jobs/job-queue.ts';
import { lifecycleSubjectData } from './subject-data.ts';
import { Migration20261121040000 } from './migrations/Migration20261121040000.ts';

export { buildDataMap, readSupergraphSdl, type DataMapType } from './data-map/data-map.ts';
export { localBlobStore, type BlobStore } from './export/blob-store.ts';
export { readTar } from './export/tar-writer.ts';
export { PUBLIC_DOWNLOAD_PATH, DOWNLOAD_PATH } from './export/download-link.ts';
export type { ExportManifest } from './export/export-job.ts';

export const lifecycleEntities: SubgraphModule['entities'] = [DataExportSchema];
export const lifecycleMigrations: SubgraphModule['migrations'] = [Migration20261121040000];

export interface LifecycleModuleOptions {
  /** The composed supergraph SDL; read from `supergraphPath` when not given. */
  supergraphSdl?: string;
  /** Defaults to the repository's schema/supergraph.graphql. */
  supergraphPath?: string | URL;
  /** Where archives are kept. @default a local folder: STEWARD_BLOB_DIR, or steward-blobs in the temp dir */
  blobStore?: BlobStore;
  /** Signs download links. @default STEWARD_LIFECYCLE_SECRET, or a per-process random one (links die on restart) */
  linkSecret?: string;
  /** How long a download link stays valid. @default 900 */
  linkTtlSeconds?: number;
  /** How often the job worker looks for due jobs. @default 1000 */
  jobPollMs?: number;
}

export function createLifecycleModule(
  options: LifecycleModuleOptions = {},
): SubgraphModule<LifecycleLoaders> {
  const dataMap = buildDataMap(options.supergraphSdl ?? readSupergraphSdl(options.supergraphPath));
  const typeDefs = loadTypeDefs(new URL('../schema.graphql', import.meta.url));
  const blobDir = process.env.STEWARD_BLOB_DIR ?? join(tmpdir(), 'steward-blobs');
  const blobStore = options.blobStore ?? localBlobStore(blobDir);
  const links = createDownloadLinkSigner(
    options.linkSecret ?? process.env.STEWARD_LIFECYCLE_SECRET ?? randomBytes(32).toString('hex'),
    options.linkTtlSeconds ?? 900,
  );
  return {
    name: 'lifecycle',
    typeDefs,
    resolvers: createLifecycleResolvers({ dataMap, links }) as SubgraphModule<LifecycleLoaders>['resolvers'],
    permissions: lifecyclePermissions,
    entities: lifecycleEntities,
    migrations: lifecycleMigrations,
    createLoaders: () => ({}),
    routes: {
      ...lifecycleRoutes(typeDefs, lifecycleSubjectData),
      [DOWNLOAD_PATH]: downloadRoute(blobStore, links),
    },
    background: ({ orm, logger, internal }) => {
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
      return startJobWorker(orm, { [EXPORT_JOB]: exportJob }, logger, { pollMs: options.jobPollMs });
    },
  };
}
