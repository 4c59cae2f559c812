import type { InternalTokenSigner } from './internal-token.ts';
import type { Principal, RequestOrigin } from './principal.ts';

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
  timeoutMs = 10_000,
) {
  const principal: Principal = { kind: 'system', service };
  return async <T>(
    subgraph: string,
    query: string,
    variables: Record<string, unknown>,
    origin: RequestOrigin,
  ) => {
    const url = urls(subgraph);
    if (!url) throw new Error(`No URL for subgraph ${subgraph}`);
    const token = await signer(subgraph, { principal, origin });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      // A hung subgraph must not hang its caller.
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (!response.ok || body.errors?.length || !body.data) {
      throw new Error(
        `Internal call to ${subgraph} failed: ${response.status} ${JSON.stringify(body.errors)}`,
      );
    }
    return body.data;
  };
}

export type InternalClient = ReturnType<typeof createInternalClient>;
