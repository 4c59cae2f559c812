import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveConsole } from './console-route.ts';
import type { GatewayMetrics } from './gateway-metrics.ts';

export interface ReadinessChecks {
  /** Subgraph name → its /healthz URL. */
  subgraphs: Record<string, string>;
  /** A query on the gateway's database connection, when it has one. */
  database?: () => Promise<unknown>;
  timeoutMs?: number;
}

async function check(probe: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

/** `/readyz`: 200 when the database and every subgraph answer, 503 with what does not. */
export async function readiness(checks: ReadinessChecks) {
  const timeoutMs = checks.timeoutMs ?? 1000;
  const entries = await Promise.all([
    ...Object.entries(checks.subgraphs).map(async ([name, url]) => [
      name,
      await check(async () => {
        const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok) throw new Error(String(response.status));
      }, timeoutMs),
    ]),
    ...(checks.database ? [(async () => ['database', await check(checks.database!, timeoutMs)])()] : []),
  ]);
  const status = Object.fromEntries(entries) as Record<string, boolean>;
  return { ready: Object.values(status).every(Boolean), checks: status };
}

/** The operational routes beside /graphql; returns false when the path is not one of them. */
export function createOperationalRoutes(metrics: GatewayMetrics, checks: ReadinessChecks) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (serveConsole(req, res, path)) return true;
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return true;
    }
    if (path === '/readyz') {
      const result = await readiness(checks);
      res
        .writeHead(result.ready ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(result));
      return true;
    }
    if (path === '/metrics' && req.method === 'GET') {
      res
        .writeHead(200, { 'content-type': metrics.registry.contentType })
        .end(await metrics.registry.metrics());
      return true;
    }
    return false;
  };
}
