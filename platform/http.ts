import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import { ErrorCode } from './errors.ts';

/** A request refused at the HTTP layer, before any GraphQL runs. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  /** Said beside the code, as a GraphQL error's extensions say it (`reason`, …). */
  readonly extensions: Record<string, unknown>;
  constructor(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
    extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
    this.extensions = extensions;
  }
}

export function sendError(res: ServerResponse, error: HttpError): void {
  const body = JSON.stringify({
    errors: [{ message: error.message, extensions: { ...error.extensions, code: error.code } }],
  });
  res.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8', ...error.headers });
  res.end(body);
}

export function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Reads the body up to `limit` bytes; beyond it the request is refused with 413. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, ErrorCode.BAD_REQUEST, 'Request body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, ErrorCode.BAD_REQUEST, 'Request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.toLowerCase().includes('application/json')) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new HttpError(400, ErrorCode.BAD_REQUEST, 'Malformed JSON body');
    }
  }
  return raw;
}

export async function writeResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) headers[name] = value;
  res.writeHead(response.status ?? 200, headers);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  bodyLimit: number;
  /** Builds the request's context; throw an HttpError to refuse the request before GraphQL runs. */
  context: (req: IncomingMessage) => Promise<TContext>;
  /**
   * Answer 200 for every GraphQL result, errors included. A subgraph's only client is the gateway,
   * which takes any other status for a transport failure and would lose the coded errors.
   */
  graphqlResultsAs200?: boolean;
}

/** A minimal node:http integration for Apollo Server, so the HTTP layer stays ours. */
export function createGraphQLHandler<TContext extends BaseContext>(options: GraphQLHandlerOptions<TContext>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const contextValue = await options.context(req);
      const raw = req.method === 'GET' ? '' : await readBody(req, options.bodyLimit);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const response = await options.server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method ?? 'GET',
          headers: headerMapOf(req),
          search: url.search,
          body: parseBody(raw, req.headers['content-type']),
        },
        context: async () => contextValue,
      });
      if (options.graphqlResultsAs200 && response.status !== 200 && response.body.kind === 'complete') {
        response.status = 200;
      }
      await writeResponse(res, response);
    } catch (error) {
      if (error instanceof HttpError) return sendError(res, error);
      throw error;
    }
  };
}
