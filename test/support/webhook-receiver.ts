import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST a receiver took: its path, parsed body, and whether its signature verified. */
export interface ReceivedPost {
  path: string;
  body: string;
  json: { streamId: string; organizationId: string; format: string; events: Record<string, unknown>[] };
  validSignature: boolean;
}

/** Stripe's scheme as a receiver checks it: `t=…,v1=HMAC-SHA256(secret, "t.body")`, `t` recent. */
export function verifySignature(
  secret: string | undefined,
  header: string | undefined,
  body: string,
): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!secret || !match) return false;
  const [, t, mac] = match;
  if (Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(mac!, 'hex'));
}

/**
 * A real HTTP receiver on loopback for audit streams: records every POST with its signature
 * checked against the stream's secret (`secrets`, by stream id); a path in `failing` answers 503.
 */
export async function startWebhookReceiver() {
  const posts: ReceivedPost[] = [];
  const secrets = new Map<string, string>();
  const failing = new Set<string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      if (failing.has(path)) return void response.writeHead(503).end();
      const body = Buffer.concat(chunks).toString('utf8');
      const json = JSON.parse(body) as ReceivedPost['json'];
      const header = request.headers['steward-signature'];
      const signature = typeof header === 'string' ? header : undefined;
      posts.push({
        path,
        body,
        json,
        validSignature: verifySignature(secrets.get(json.streamId), signature, body),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    posts,
    secrets,
    failing,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
