import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Logger } from 'pino';
import { ErrorCode } from '../../platform/errors.ts';
import { HttpError } from '../../platform/http.ts';

export interface SubgraphStreamOptions {
  /** The subgraph's routing URL (`…/graphql`); undefined when the supergraph names none. */
  subgraphUrl: string | undefined;
  /** The subgraph's internal route, beside its `/graphql`; the client's query string is appended. */
  path: string;
  /** An internal token whose audience is that subgraph. */
  token: string;
  requestId: string;
  /** Response headers passed on to the client when the subgraph sets them. */
  headers: readonly string[];
  /** Deadline for the subgraph's response headers; the body then takes as long as the client does. */
  timeoutMs: number;
  logger: Logger;
}

const CODES = new Set<string>(Object.values(ErrorCode));

/** The subgraph's own coded error (`{errors:[{message, extensions:{code}}]}`), or null when it has none. */
async function codedErrorOf(response: Response, headers: Record<string, string>): Promise<HttpError | null> {
  try {
    const body = (await response.json()) as {
      errors?: { message?: unknown; extensions?: { code?: unknown } }[];
    };
    const error = body.errors?.[0];
    const code = error?.extensions?.code;
    if (typeof code !== 'string' || !CODES.has(code) || typeof error?.message !== 'string') return null;
    return new HttpError(response.status, code, error.message, headers);
  } catch {
    return null;
  }
}

const isClientGone = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'AbortError' || (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE');

/**
 * GETs a subgraph's internal streaming route with the client's query string and pipes the answer
 * to the client with backpressure, never buffering it. The subgraph's coded errors pass through;
 * an unreachable, silent or incoherent subgraph answers 502/504. A HEAD gets the headers only,
 * and a client that goes away aborts the upstream request.
 */
export async function streamFromSubgraph(
  req: IncomingMessage,
  res: ServerResponse,
  options: SubgraphStreamOptions,
): Promise<void> {
  const headers: Record<string, string> = { 'x-request-id': options.requestId };
  const unavailable = (status: number, message: string, error?: unknown) => {
    options.logger.warn({ err: error, path: options.path, requestId: options.requestId }, message);
    return new HttpError(status, ErrorCode.INTERNAL_SERVER_ERROR, message, headers);
  };
  if (!options.subgraphUrl) throw unavailable(502, 'Service unavailable');
  const query = new URL(req.url ?? '/', 'http://gateway').search;
  const url = options.subgraphUrl.replace(/\/graphql$/, options.path) + query;

  const abort = new AbortController();
  res.once('close', () => abort.abort());
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${options.token}`, 'x-request-id': options.requestId },
      signal: abort.signal,
    });
    if (!response.ok) {
      throw (
        (await codedErrorOf(response, headers)) ?? unavailable(502, `Service answered ${response.status}`)
      );
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (timedOut) throw unavailable(504, 'Service timed out', error);
    if (abort.signal.aborted) return; // the client went away: no one to answer
    throw unavailable(502, 'Service unavailable', error);
  } finally {
    clearTimeout(deadline);
  }

  for (const name of options.headers) {
    const value = response.headers.get(name);
    if (value) headers[name] = value;
  }
  res.writeHead(response.status, headers);
  if (!response.body || req.method === 'HEAD') {
    await response.body?.cancel();
    return void res.end();
  }
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), res);
  } catch (error) {
    // A client gone mid-stream is no failure. An upstream cut short has destroyed `res`, so the
    // client never takes a partial file for a whole one.
    if (isClientGone(error)) return;
    throw error;
  }
}
