import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BACKGROUND_HEADER, isBackground } from './background.ts';
import { ErrorCode, isUnavailable, UnavailableError } from './errors.ts';
import type { InternalTokenSigner } from './internal-token.ts';
import type { OperationContract } from '../contracts/contract.ts';
import { REQUEST_ID_HEADER, type Principal, type RequestOrigin } from './principal.ts';

/** A subgraph that does not answer (down, refusing, past the deadline) is unavailable, not a bug. */
async function reaching<T>(subgraph: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (isUnavailable(error) || (error instanceof Error && error.name === 'TimeoutError'))
      throw new UnavailableError(`${subgraph} did not answer`, { cause: error });
    throw error;
  }
}

/** How long a call to a subgraph may take, unless configured otherwise (SUBGRAPH_TIMEOUT_MS). */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

/** Longest an internal stream's body may go without a byte before it counts as hung. */
export const STREAM_IDLE_MS = 300_000;

/** Resolves a subgraph's URL when the call is made (subgraphs may start in any order). */
export type SubgraphUrls = (subgraph: string) => string | undefined;

/**
 * Calls another subgraph's internal operations (hidden from the public graph with @inaccessible)
 * as a system principal: the gateway turning a bearer token into a principal, or a subgraph
 * asking another for what it owns.
 */
export function createInternalClient(
  signer: InternalTokenSigner,
  service: string,
  urls: SubgraphUrls,
  timeoutMs = DEFAULT_SUBGRAPH_TIMEOUT_MS,
) {
  const principal: Principal = { kind: 'system', service };
  /**
   * GETs one of the subgraph's internal HTTP routes (a stream) as this service; the caller reads
   * the body. Resolves the route against the subgraph's URL (`/internal/...` beside `/graphql`).
   * Through node:http rather than fetch: a Node stream reads hundreds of megabytes at a fraction
   * of the CPU a web stream takes.
   */
  const get = async (subgraph: string, path: string, origin: RequestOrigin): Promise<IncomingMessage> => {
    const url = urls(subgraph);
    if (!url) throw new Error(`No URL for subgraph ${subgraph}`);
    const token = await signer(subgraph, { principal, origin });
    const target = new URL(path, url);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(
        target,
        { headers: { authorization: `Bearer ${token}`, [REQUEST_ID_HEADER]: origin.requestId } },
        resolve,
      );
      request.setTimeout(timeoutMs, () =>
        request.destroy(new Error(`Internal GET ${path} on ${subgraph} timed out`)),
      );
      request.on('error', reject);
      request.end();
    });
    // The body streams for as long as it has data; a stream silent for minutes is hung (a stalled
    // peer), and failing it frees its caller (a job is retried) instead of holding it forever.
    response.setTimeout(STREAM_IDLE_MS, () =>
      response.destroy(
        new Error(`Internal GET ${path} on ${subgraph}: no data for ${STREAM_IDLE_MS / 1000} s`),
      ),
    );
    if (response.statusCode !== 200) {
      response.resume();
      throw new Error(`Internal GET ${path} on ${subgraph} failed: ${response.statusCode}`);
    }
    return response;
  };
  /** Runs an internal GraphQL operation on its owner; answers its data, typed by the contract. */
  const call = async <TResult, TVariables>(
    operation: OperationContract<TResult, TVariables>,
    variables: TVariables,
    origin: RequestOrigin,
  ): Promise<TResult> => {
    const subgraph = operation.owner;
    const url = urls(subgraph);
    if (!url) throw new Error(`No URL for subgraph ${subgraph}`);
    const token = await signer(subgraph, { principal, origin });
    const response = await reaching(subgraph, () =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          [REQUEST_ID_HEADER]: origin.requestId,
          ...(isBackground() ? { [BACKGROUND_HEADER]: '1' } : {}),
        },
        body: JSON.stringify({ query: operation.document, variables }),
        // A hung subgraph must not hang its caller.
        signal: AbortSignal.timeout(timeoutMs),
      }),
    );
    // The reply's shape is the one codegen derived from the document against the owner's schema.
    const body = (await response.json()) as {
      data?: TResult;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    if (body.errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE))
      throw new UnavailableError(`${subgraph} is unavailable`);
    if (!response.ok || body.errors?.length || !body.data) {
      throw new Error(
        `Internal call to ${subgraph} failed: ${response.status} ${JSON.stringify(body.errors)}`,
      );
    }
    return body.data;
  };
  /** Calls an internal JSON route: POSTs `body` when given, GETs otherwise; answers the parsed reply. */
  const route = async <T>(subgraph: string, path: string, origin: RequestOrigin, body?: unknown) => {
    const url = urls(subgraph);
    if (!url) throw new Error(`No URL for subgraph ${subgraph}`);
    const token = await signer(subgraph, { principal, origin });
    const response = await reaching(subgraph, () =>
      fetch(new URL(path, url), {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          [REQUEST_ID_HEADER]: origin.requestId,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        // A route works within its own time budget; this bounds a hung one.
        signal: AbortSignal.timeout(Math.max(timeoutMs, 60_000)),
      }),
    );
    if (response.status === 503) throw new UnavailableError(`Internal ${path} on ${subgraph}: 503`);
    if (!response.ok) throw new Error(`Internal ${path} on ${subgraph} failed: ${response.status}`);
    return (await response.json()) as T;
  };
  return Object.assign(call, { get, route });
}

export type InternalClient = ReturnType<typeof createInternalClient>;
