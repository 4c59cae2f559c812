import type { GatewayMetrics } from './gateway-metrics.ts';

/**
 * The fetch the gateway's data sources use: Node's own (undici, keep-alive pooled connections),
 * with a deadline per call so that a hung subgraph yields a coded error instead of a hung gateway.
 */
export function createSubgraphFetch(subgraph: string, timeoutMs: number, metrics?: GatewayMetrics) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const stop = metrics?.subgraphDuration.startTimer({ subgraph });
    try {
      const response = await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      stop?.({ outcome: response.ok ? 'ok' : `http_${response.status}` });
      return response;
    } catch (error) {
      stop?.({
        outcome: error instanceof DOMException && error.name === 'TimeoutError' ? 'timeout' : 'unreachable',
      });
      throw error;
    }
  };
}
