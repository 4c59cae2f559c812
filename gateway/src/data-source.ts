import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { CHANGES_EXTENSION, decodeChange } from '../../platform/principal-changes.ts';
import { ATTESTATIONS_EXTENSION, attestationsFor } from '../../platform/member-attestation.ts';
import { withClientSpan } from '../../platform/tracing.ts';
import type { GatewayContext } from './context.ts';
import type { PrincipalCache } from './principal-cache.ts';
import type { SubgraphPoster } from './subgraph-http.ts';
import type { InternalTokens } from './internal-tokens.ts';

export interface DataSourceOptions {
  subgraph: string;
  poster: SubgraphPoster;
  tokens: InternalTokens;
  cache: PrincipalCache;
}

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * What subgraphs vouched for during one client request, by audience (platform/member-attestation.ts):
 * handed on to the later calls to that audience in the same request, never to the client.
 */
const attestationsOfRequest = new WeakMap<object, Map<string, string[]>>();

/** Apollo's codes for a subgraph that refused the gateway itself. */
const STATUS_CODES: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' };

/**
 * One subgraph as the gateway calls it: each call carries a token for that subgraph with the
 * request's principal and the request's id, and hands the principal changes the subgraph
 * committed to the cache before the client hears back.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly options: DataSourceOptions;

  constructor(options: DataSourceOptions) {
    this.options = options;
  }

  async process({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const headers: Record<string, string> = {};
    const { principal, origin } = context as Partial<GatewayContext>;
    if (principal && origin) {
      headers.authorization = `Bearer ${await this.options.tokens.tokenFor(this.options.subgraph, principal, origin)}`;
      headers['x-request-id'] = origin.requestId;
    }
    const wanted = request.http?.headers;
    if (wanted) for (const [name, value] of wanted) headers[name] = value;
    const { http: _http, ...operation } = request;
    const attested = context ? attestationsOfRequest.get(context)?.get(this.options.subgraph) : undefined;
    if (attested?.length) {
      operation.extensions = {
        ...operation.extensions,
        [ATTESTATIONS_EXTENSION]: { [this.options.subgraph]: attested },
      };
    }
    const reply = await withClientSpan('POST', this.options.poster.url, headers, () =>
      this.options.poster.post(JSON.stringify(operation), headers),
    );
    const json = reply.contentType?.includes('json') ? parseObject(reply.body) : null;
    if (reply.status < 200 || reply.status >= 300) {
      throw new GraphQLError(`${reply.status}: subgraph ${this.options.subgraph} refused the call`, {
        extensions: {
          code: STATUS_CODES[reply.status] ?? 'SUBGRAPH_ERROR',
          response: { status: reply.status, body: json },
        },
      });
    }
    if (!json) throw new Error(`Expected a JSON object from subgraph ${this.options.subgraph}`);
    const response = this.takePrincipalChanges(json as GatewayGraphQLResponse);
    if (context) takeAttestations(context, response);
    return response;
  }

  private takePrincipalChanges(response: GatewayGraphQLResponse): GatewayGraphQLResponse {
    const changes = response.extensions?.[CHANGES_EXTENSION];
    if (Array.isArray(changes)) {
      for (const encoded of changes) {
        const change = typeof encoded === 'string' ? decodeChange(encoded) : null;
        if (change) this.options.cache.invalidate(change);
      }
      delete response.extensions![CHANGES_EXTENSION];
    }
    return response;
  }
}

/** Keeps what the response vouches for (for later calls of the same request) and drops it from it. */
function takeAttestations(context: object, response: GatewayGraphQLResponse): void {
  const extensions = response.extensions;
  if (!extensions?.[ATTESTATIONS_EXTENSION]) return;
  const value: unknown = extensions[ATTESTATIONS_EXTENSION];
  delete extensions[ATTESTATIONS_EXTENSION];
  if (!value || typeof value !== 'object') return;
  let byAudience = attestationsOfRequest.get(context);
  for (const audience of Object.keys(value)) {
    const tokens = attestationsFor({ [ATTESTATIONS_EXTENSION]: value }, audience);
    if (!tokens.length) continue;
    if (!byAudience) attestationsOfRequest.set(context, (byAudience = new Map()));
    byAudience.set(audience, [...(byAudience.get(audience) ?? []), ...tokens]);
  }
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
