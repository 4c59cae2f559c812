import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ErrorCode } from '../../platform/errors.ts';
import { HttpError } from '../../platform/http.ts';
import type { InternalTokenSigner } from '../../platform/internal-token.ts';
import { DOWNLOAD_PATH, PUBLIC_DOWNLOAD_PATH } from '../../contracts/data-export-download.ts';
import { requestOrigin } from './client-origin.ts';
import { streamFromSubgraph } from './subgraph-stream.ts';

/** The public route of a data export's archive: `GET /exports/download?export=…&expires=…&signature=…`. */
export const DATA_EXPORT_DOWNLOAD_ROUTE = PUBLIC_DOWNLOAD_PATH;
const PASSED_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'cache-control',
  'x-content-type-options',
];

export interface DataExportDownloadOptions {
  signer: InternalTokenSigner;
  /** The lifecycle subgraph's routing URL. */
  lifecycleUrl: string | undefined;
  trustedProxies: readonly string[];
  /** Deadline for lifecycle's response headers. */
  timeoutMs: number;
  logger: Logger;
}

/**
 * Serves a signed download link by forwarding its query to lifecycle's download route as the
 * gateway; lifecycle checks the signature and expiry (403 FORBIDDEN otherwise) and streams the
 * archive, which the client receives without any buffering here.
 */
export function createDataExportDownloadRoute(options: DataExportDownloadOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpError(405, ErrorCode.BAD_REQUEST, 'Use GET', { allow: 'GET, HEAD' });
    }
    // No session or API key: the signed link itself is the capability.
    const origin = requestOrigin(req, options.trustedProxies);
    const token = await options.signer('lifecycle', {
      principal: { kind: 'system', service: 'gateway' },
      origin,
    });
    await streamFromSubgraph(req, res, {
      subgraphUrl: options.lifecycleUrl,
      path: DOWNLOAD_PATH,
      token,
      requestId: origin.requestId,
      headers: PASSED_HEADERS,
      timeoutMs: options.timeoutMs,
      logger: options.logger,
    });
  };
}
