import { createHash } from 'node:crypto';
import type { RequestOrigin } from '../../../../platform/principal.ts';

/**
 * The client a challenge was handed to (its IP and user agent, as the gateway saw them), hashed:
 * only that client completes it. A challenge copied elsewhere (a log, a shared link, a proxy that
 * kept it) is refused as an unknown one, and nothing about the client is stored in clear.
 */
export const challengeClientHash = (origin: Pick<RequestOrigin, 'ip' | 'userAgent'>): string =>
  createHash('sha256')
    .update(JSON.stringify([origin.ip, origin.userAgent]))
    .digest('hex');
