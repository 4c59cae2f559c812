import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createSubgraphPoster, SubgraphTimeoutError } from './subgraph-http.ts';

const servers: Server[] = [];
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe('calls from the gateway to a subgraph', () => {
  it('POSTs JSON with the given headers and reuses one connection for calls in sequence', async () => {
    const sockets = new Set<Socket>();
    const seen: { auth?: string; body: string; type?: string }[] = [];
    const url = await serve((req, res) => {
      sockets.add(req.socket);
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ auth: req.headers.authorization, body, type: req.headers['content-type'] });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"é":"✓"}}');
      });
    });
    const poster = createSubgraphPoster('tenancy', url, 1_000);

    const first = await poster.post('{"query":"{ a }"}', { authorization: 'Bearer t' });
    const second = await poster.post('{"query":"{ b }"}', {});
    poster.close();

    expect(first).toEqual({ status: 200, contentType: 'application/json', body: '{"data":{"é":"✓"}}' });
    expect(second.status).toBe(200);
    expect(seen).toEqual([
      { auth: 'Bearer t', body: '{"query":"{ a }"}', type: 'application/json' },
      { auth: undefined, body: '{"query":"{ b }"}', type: 'application/json' },
    ]);
    expect(sockets.size).toBe(1);
  });

  it('a kept-alive connection the server drops as a call is sent: the call goes again on a new one', async () => {
    const served = new WeakMap<Socket, number>();
    let dropped = 0;
    const url = await serve((req, res) => {
      const count = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, count);
      req.resume();
      // The second call on a connection finds it closed, as a server's keep-alive timeout would.
      if (count === 2) {
        dropped += 1;
        req.socket.destroy();
        return;
      }
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}'));
    });
    const poster = createSubgraphPoster('tenancy', url, 5_000);

    expect((await poster.post('{}', {})).status).toBe(200);
    expect((await poster.post('{}', {})).status).toBe(200);
    poster.close();

    expect(dropped).toBe(1);
  });

  it('a subgraph that never answers fails the call at the deadline', async () => {
    const url = await serve(() => {});
    const poster = createSubgraphPoster('tenancy', url, 200);
    const started = Date.now();
    await expect(poster.post('{}', {})).rejects.toBeInstanceOf(SubgraphTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
    poster.close();
  });

  it('a subgraph that is not there fails the call at once', async () => {
    const url = await serve(() => {});
    servers.pop()!.close();
    const poster = createSubgraphPoster('tenancy', url, 5_000);
    await expect(poster.post('{}', {})).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    poster.close();
  });
});
