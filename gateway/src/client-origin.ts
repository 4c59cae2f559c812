import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestOrigin } from '../../platform/principal.ts';

const stripIpv6Prefix = (ip: string) => (ip.startsWith('::ffff:') ? ip.slice(7) : ip);

/**
 * The client's IP: the socket peer, unless that peer is a trusted proxy, in which case the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy. Never the header blindly.
 */
export function clientIp(req: IncomingMessage, trustedProxies: readonly string[]): string | null {
  const peer = req.socket.remoteAddress ? stripIpv6Prefix(req.socket.remoteAddress) : null;
  if (!peer || !trustedProxies.includes(peer)) return peer;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => stripIpv6Prefix(s.trim()))
    .filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) {
    if (!trustedProxies.includes(forwarded[i]!)) return forwarded[i]!;
  }
  return peer;
}

export function requestOrigin(req: IncomingMessage, trustedProxies: readonly string[]): RequestOrigin {
  const userAgent = req.headers['user-agent'];
  return {
    requestId: randomUUID(),
    ip: clientIp(req, trustedProxies),
    userAgent: userAgent ? userAgent.slice(0, 512) : null,
  };
}
