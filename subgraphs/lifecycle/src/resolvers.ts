import type { Resolvers } from './generated/resolvers.ts';
import type { DataMapType } from './data-map/data-map.ts';
import { scalarResolvers } from '../../runtime/scalars.ts';
import { mergeTypeMaps } from '../../runtime/merge.ts';
import { dataExportResolvers } from './export/data-export.resolvers.ts';
import type { DownloadLinkSigner } from './export/download-link.ts';
import { retentionResolvers } from './retention/retention.resolvers.ts';
import { deletionResolvers, type DeletionResolverOptions } from './deletion/deletion.resolvers.ts';
import { backupResolvers } from './backup/backup.resolvers.ts';

export interface LifecycleResolverOptions {
  /** Built once from the supergraph when the module is created. */
  dataMap: readonly DataMapType[];
  links: DownloadLinkSigner;
  /** How recent a requester's factor must be for an export (step-up). */
  stepUpWindowMs: number;
  deletion: DeletionResolverOptions;
}

export function createLifecycleResolvers(options: LifecycleResolverOptions): Resolvers {
  return mergeTypeMaps<Resolvers>(
    { DateTime: scalarResolvers.DateTime },
    {
      Query: {
        dataMap: () => [...options.dataMap],
      },
    },
    dataExportResolvers(options.links, options.deletion.enqueue, options.stepUpWindowMs),
    retentionResolvers(),
    deletionResolvers(options.deletion),
    backupResolvers(),
  );
}
