import { createHmac, timingSafeEqual } from 'node:crypto';
import { PUBLIC_DOWNLOAD_PATH } from '../../../../contracts/data-export-download.ts';

/** Whom a link was given to: a user, reading an export of that organization (null: their own). */
export interface LinkHolder {
  userId: string;
  organizationId: string | null;
}

export interface DownloadLinkSigner {
  /**
   * `${PUBLIC_DOWNLOAD_PATH}?export=<id>&expires=<unix seconds>[&holder=<user id>&org=<organization id>]&signature=<base64url>`.
   * The holder is signed with the rest: the download asks again whether the holder may read it.
   */
  sign(exportId: string, now?: Date, holder?: LinkHolder): string;
  /** The export id when the query's signature is right and not expired; null otherwise. */
  verify(params: URLSearchParams, now?: Date): string | null;
  /** The holder a verified link names, if any. */
  holderOf(params: URLSearchParams): LinkHolder | null;
}

/** HMAC-SHA256 over `<export id>.<expires>[.<holder>.<org>]` with the lifecycle secret; links live `ttlSeconds`. */
export function createDownloadLinkSigner(secret: string, ttlSeconds: number): DownloadLinkSigner {
  const mac = (exportId: string, expires: number, holder: string | null, org: string | null) =>
    createHmac('sha256', secret)
      .update(holder === null ? `${exportId}.${expires}` : `${exportId}.${expires}.${holder}.${org ?? ''}`)
      .digest();
  return {
    sign(exportId, now = new Date(), holder) {
      const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
      const query = new URLSearchParams({ export: exportId, expires: String(expires) });
      if (holder) {
        query.set('holder', holder.userId);
        query.set('org', holder.organizationId ?? '');
      }
      const signature = mac(exportId, expires, holder?.userId ?? null, holder?.organizationId ?? null);
      query.set('signature', signature.toString('base64url'));
      return `${PUBLIC_DOWNLOAD_PATH}?${query.toString()}`;
    },
    verify(params, now = new Date()) {
      const exportId = params.get('export');
      const expires = Number(params.get('expires'));
      const signature = Buffer.from(params.get('signature') ?? '', 'base64url');
      if (!exportId || !Number.isInteger(expires)) return null;
      if (expires < Math.floor(now.getTime() / 1000)) return null;
      const expected = mac(exportId, expires, params.get('holder'), params.get('org') || null);
      return signature.length === expected.length && timingSafeEqual(signature, expected) ? exportId : null;
    },
    holderOf(params) {
      const userId = params.get('holder');
      return userId ? { userId, organizationId: params.get('org') || null } : null;
    },
  };
}
