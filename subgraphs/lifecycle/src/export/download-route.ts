import { pipeline } from 'node:stream/promises';
import { ErrorCode } from '../../../../platform/errors.ts';
import { HttpError } from '../../../../platform/http.ts';
import type { InternalRoute } from '../../../runtime/context.ts';
import type { BlobStore } from './blob-store.ts';
import type { DownloadLinkSigner } from './download-link.ts';
import { archiveKeyOf } from './export-job.ts';

/**
 * Serves dataExportDownloadRoute (contracts/data-export-download.ts): streams the archive when the link is
 * genuine and unexpired. Only the gateway reaches it (forwarding a public download link); the
 * link itself is the capability, so no user principal is needed.
 */
export function downloadRoute(blobStore: BlobStore, links: DownloadLinkSigner): InternalRoute {
  return async (req, res, { principal }) => {
    if (principal.kind !== 'system' || principal.service !== 'gateway') {
      throw new HttpError(403, ErrorCode.FORBIDDEN, 'Gateway only');
    }
    if (req.method !== 'GET') throw new HttpError(405, ErrorCode.BAD_REQUEST, 'Use GET');
    const exportId = links.verify(new URL(req.url ?? '/', 'http://internal').searchParams);
    if (!exportId) throw new HttpError(403, ErrorCode.FORBIDDEN, 'Invalid or expired link');
    const blob = await blobStore.get(archiveKeyOf(exportId));
    if (!blob) throw new HttpError(404, ErrorCode.NOT_FOUND, 'Export not found');
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
