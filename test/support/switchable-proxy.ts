import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** up: forwards everything; down: resets every connection; failing: answers 500 on `failPath`. */
export type ProxyMode = 'up' | 'down' | 'failing';

export interface SwitchableProxy {
  /** The subgraph URL to give a process instead of the real one (same path). */
  url: string;
  mode: ProxyMode;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/**
 * Stands between a process and a subgraph (`target`, its /graphql URL), so a test can take the
 * subgraph down (or make one of its routes fail) for that process alone, then bring it back.
 */
export async function startSwitchableProxy(target: string, failPath?: string): Promise<SwitchableProxy> {
  const origin = new URL(target).origin;
  const proxy: SwitchableProxy = { url: '', mode: 'up', close: async () => undefined };
  const server = createServer((req, res) => {
    if (proxy.mode === 'down') return void req.socket.destroy();
    if (proxy.mode === 'failing' && failPath && req.url?.startsWith(failPath)) {
      return void res.writeHead(500, { 'content-type': 'text/plain' }).end('failing on purpose');
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.entries(req.headers).flatMap(([name, value]) =>
        HOP_BY_HOP.has(name) || value === undefined ? [] : [[name, String(value)] as [string, string]],
      );
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      fetch(`${origin}${req.url}`, { method: req.method, headers, body })
        .then(async (answer) => {
          const bytes = Buffer.from(await answer.arrayBuffer());
          const out = [...answer.headers].filter(
            ([name]) => !HOP_BY_HOP.has(name) && name !== 'content-encoding',
          );
          res.writeHead(answer.status, Object.fromEntries(out)).end(bytes);
        })
        .catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}${new URL(target).pathname}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
