import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { GatewayMetrics } from './gateway-metrics.ts';

export interface SubgraphReply {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** Idle kept-alive connections are closed after this long. */
const IDLE_CLOSE_MS = 4_000;
const REUSED = Symbol('sent on a reused connection');

/** A subgraph that did not answer within its deadline. */
export class SubgraphTimeoutError extends Error {
  override readonly name = 'SubgraphTimeoutError';
}

/**
 * POSTs to one subgraph over keep-alive pooled connections, with a deadline per call so that a
 * hung subgraph yields an error instead of a hung gateway. Plain `node:http`: the gateway's
 * profile showed fetch (undici's Request/Response, web streams, URL and header objects) costing
 * more than the rest of a subgraph call.
 */
export function createSubgraphPoster(
  subgraph: string,
  url: string,
  timeoutMs: number,
  metrics?: GatewayMetrics,
) {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  // Idle connections are closed before the subgraph's server would (Node's default keep-alive
  // timeout is 5 s), so that a call rarely meets a connection the server is closing.
  const agentOptions = { keepAlive: true, timeout: IDLE_CLOSE_MS };
  const agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const base = {
    agent,
    method: 'POST',
    protocol: target.protocol,
    hostname: target.hostname.replace(/^\[|\]$/g, ''),
    port: target.port || (secure ? 443 : 80),
    path: `${target.pathname}${target.search}`,
  };

  const attempt = (body: string, headers: Record<string, string>): Promise<SubgraphReply> =>
    new Promise((resolve, reject) => {
      const request = send(
        {
          ...base,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response: IncomingMessage) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            clearTimeout(deadline);
            resolve({
              status: response.statusCode ?? 0,
              contentType: response.headers['content-type'],
              body: text,
            });
          });
          response.on('error', fail);
        },
      );
      function fail(error: Error) {
        clearTimeout(deadline);
        reject(Object.assign(error, { [REUSED]: request.reusedSocket }));
      }
      const deadline = setTimeout(
        () => request.destroy(new SubgraphTimeoutError(`${subgraph} did not answer in ${timeoutMs} ms`)),
        timeoutMs,
      );
      request.on('error', fail);
      request.end(body);
    });

  /**
   * A kept-alive connection the server closed just as this call was sent fails it at once, before
   * the server read it; such a call is sent again once, on a fresh connection (Node's documented
   * pattern, `request.reusedSocket`). Anything else fails the call.
   */
  const post = async (body: string, headers: Record<string, string>): Promise<SubgraphReply> => {
    try {
      return await attempt(body, headers);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!(error as { [REUSED]?: boolean })[REUSED] || (code !== 'ECONNRESET' && code !== 'EPIPE'))
        throw error;
      return attempt(body, headers);
    }
  };

  return {
    url,
    async post(body: string, headers: Record<string, string>): Promise<SubgraphReply> {
      const stop = metrics?.subgraphDuration.startTimer({ subgraph });
      try {
        const reply = await post(body, headers);
        stop?.({ outcome: reply.status >= 200 && reply.status < 300 ? 'ok' : `http_${reply.status}` });
        return reply;
      } catch (error) {
        stop?.({ outcome: error instanceof SubgraphTimeoutError ? 'timeout' : 'unreachable' });
        throw error;
      }
    },
    close: () => agent.destroy(),
  };
}

export type SubgraphPoster = ReturnType<typeof createSubgraphPoster>;
