import type { InternalTokenSigner } from '../../subgraphs/kit/internal-token.ts';
import type { Principal, RequestOrigin } from '../../subgraphs/kit/principal.ts';

const gatewayPrincipal: Principal = { kind: 'system', service: 'gateway' };

/**
 * Calls a subgraph's internal operations (hidden from the public graph with @inaccessible)
 * as the gateway itself, e.g. to turn a bearer token into a principal.
 */
export function createInternalClient(signer: InternalTokenSigner, urls: Record<string, string>) {
  return async <T>(
    subgraph: string,
    query: string,
    variables: Record<string, unknown>,
    origin: RequestOrigin,
  ) => {
    const token = await signer(subgraph, { principal: gatewayPrincipal, origin });
    const response = await fetch(urls[subgraph]!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
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
