import { pipeline } from 'node:stream/promises';
import { ErrorCode } from '../../../../platform/errors.ts';
import { HttpError } from '../../../../platform/http.ts';
import type { InternalClient } from '../../../../platform/internal-client.ts';
import type { RequestOrigin } from '../../../../platform/principal.ts';
import type { InternalRoute } from '../../../runtime/context.ts';
import { runInScope } from '../../../runtime/orm.ts';
import type { MikroORM } from '@mikro-orm/postgresql';
import { currentRoleIn } from '../subject-access.ts';
import type { BlobStore } from './blob-store.ts';
import { findExport } from './data-export.repository.ts';
import type { DownloadLinkSigner, LinkHolder } from './download-link.ts';
import { archiveKeyOf } from './export-job.ts';

/**
 * Whether the link's holder may read the export now: an organization's (or its data about a
 * member) while they are its ADMIN, asked of tenancy at every download; their own export.
 */
async function holderMayRead(
  orm: MikroORM,
  internal: InternalClient | null,
  exportId: string,
  holder: LinkHolder | null,
  origin: RequestOrigin,
): Promise<boolean> {
  if (!holder || !internal) return false;
  const scope = { tenantIds: holder.organizationId ? [holder.organizationId] : [], userId: holder.userId };
  const row = await runInScope(orm, scope, ({ em }) => findExport(em, exportId));
  if (!row) return false;
  if (row.organizationId == null) return row.userId === holder.userId;
  if (row.organizationId !== holder.organizationId) return false;
  return (await currentRoleIn(internal, row.organizationId, holder.userId, origin)) === 'ADMIN';
}

/**
 * Serves dataExportDownloadRoute (contracts/data-export-download.ts): streams the archive when the link is
 * genuine and unexpired. Only the gateway reaches it (forwarding a public download link); the
 * link itself is the capability, so no user principal is needed.
 */
export function downloadRoute(
  blobStore: BlobStore,
  links: DownloadLinkSigner,
  /** Tenancy's client, once the subgraph runs (the holder's current role is asked of it). */
  internal: () => InternalClient | null,
): InternalRoute {
  return async (req, res, { principal, orm, origin }) => {
    if (principal.kind !== 'system' || principal.service !== 'gateway') {
      throw new HttpError(403, ErrorCode.FORBIDDEN, 'Gateway only');
    }
    if (req.method !== 'GET') throw new HttpError(405, ErrorCode.BAD_REQUEST, 'Use GET');
    const params = new URL(req.url ?? '/', 'http://internal').searchParams;
    const exportId = links.verify(params);
    if (!exportId) throw new HttpError(403, ErrorCode.FORBIDDEN, 'Invalid or expired link');
    const blob = await blobStore.get(archiveKeyOf(exportId));
    if (!blob) throw new HttpError(404, ErrorCode.NOT_FOUND, 'Export not found');
    if (!(await holderMayRead(orm, internal(), exportId, links.holderOf(params), origin))) {
      blob.body.destroy();
      throw new HttpError(403, ErrorCode.FORBIDDEN, 'This link is no longer yours to use');
    }
    res.writeHead(200, {
      'content-type': 'application/x-tar',
      'content-length': String(blob.sizeBytes),
      'content-disposition': `attachment; filename="steward-export-${exportId}.tar"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    await pipeline(blob.body, res);
  };
}
