import { createHmac, timingSafeEqual } from 'node:crypto';
import { PUBLIC_DOWNLOAD_PATH } from '../../../../contracts/data-export-download.ts';

export interface DownloadLinkSigner {
  /** `${PUBLIC_DOWNLOAD_PATH}?export=<id>&expires=<unix seconds>&signature=<base64url>`. */
  sign(exportId: string, now?: Date): string;
  /** The export id when the query's signature is right and not expired; null otherwise. */
  verify(params: URLSearchParams, now?: Date): string | null;
}

/** HMAC-SHA256 over `<export id>.<expires>` with the lifecycle secret; links live `ttlSeconds`. */
export function createDownloadLinkSigner(secret: string, ttlSeconds: number): DownloadLinkSigner {
  const mac = (exportId: string, expires: number) =>
    createHmac('sha256', secret).update(`${exportId}.${expires}`).digest();
  return {
    sign(exportId, now = new Date()) {
      const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
      const query = new URLSearchParams({
        export: exportId,
        expires: String(expires),
        signature: mac(exportId, expires).toString('base64url'),
      });
      return `${PUBLIC_DOWNLOAD_PATH}?${query.toString()}`;
    },
    verify(params, now = new Date()) {
      const exportId = params.get('export');
      const expires = Number(params.get('expires'));
      const signature = Buffer.from(params.get('signature') ?? '', 'base64url');
      if (!exportId || !Number.isInteger(expires)) return null;
      if (expires < Math.floor(now.getTime() / 1000)) return null;
      const expected = mac(exportId, expires);
      return signature.length === expected.length && timingSafeEqual(signature, expected) ? exportId : null;
    },
  };
}
