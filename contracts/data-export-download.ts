import { z } from 'zod';
import type { RouteContract } from './contract.ts';

/**
 * GET DownloadQuery: streams a subject-data export's archive (a tar) when its signed link is
 * genuine and unexpired; 403 otherwise. Only the gateway calls it, forwarding the query of a
 * public download link (PUBLIC_DOWNLOAD_PATH): the signature is the capability.
 */
export const dataExportDownloadRoute = {
  path: '/internal/lifecycle/download',
  method: 'GET',
  owner: 'lifecycle',
  callers: ['gateway'],
} as const satisfies RouteContract;

export const DOWNLOAD_PATH = dataExportDownloadRoute.path;

/** The public path of an export's archive, which the gateway serves from DOWNLOAD_PATH. */
export const PUBLIC_DOWNLOAD_PATH = '/exports/download';

/** `?export=<id>&expires=<unix seconds>&signature=<base64url>`, as lifecycle signs it. */
export const DownloadQuery = z.object({
  export: z.string().min(1),
  expires: z.coerce.number().int(),
  signature: z.string(),
});
export type DownloadQuery = z.infer<typeof DownloadQuery>;
