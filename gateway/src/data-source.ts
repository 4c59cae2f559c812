import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { InternalTokenSigner } from '../../subgraphs/kit/internal-token.ts';
import { CHANGES_EXTENSION, decodeChange } from '../../subgraphs/kit/principal-changes.ts';
import type { GatewayContext } from './context.ts';
import type { GatewayMetrics } from './gateway-metrics.ts';
import type { PrincipalCache } from './principal-cache.ts';
import { createSubgraphFetch } from './subgraph-fetch.ts';
import { injectTraceContext } from '../../subgraphs/kit/tracing.ts';

type SendOptions = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0];
type ReceiveOptions = Parameters<
  NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>
>[0];

export interface DataSourceOptions {
  subgraph: string;
  url: string;
  signer: InternalTokenSigner;
  cache: PrincipalCache;
  timeoutMs: number;
  metrics?: GatewayMetrics;
}

/**
 * One subgraph as the gateway calls it: each call carries a token for that subgraph with the
 * request's principal, has a deadline, and hands the principal changes the subgraph committed to
 * the cache before the client hears back.
 */
export class InternalTokenDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: DataSourceOptions;

  constructor(options: DataSourceOptions) {
    super({
      url: options.url,
      fetcher: createSubgraphFetch(options.subgraph, options.timeoutMs, options.metrics) as never,
    });
    this.options = options;
  }

  override async willSendRequest({ request, context }: SendOptions) {
    if (!context.tokens) return;
    let token = context.tokens.get(this.options.subgraph);
    if (!token) {
      token = this.options.signer(this.options.subgraph, {
        principal: context.principal,
        origin: context.origin,
      });
      context.tokens.set(this.options.subgraph, token);
    }
    request.http?.headers.set('authorization', `Bearer ${await token}`);
    request.http?.headers.set('x-request-id', context.origin.requestId);
    if (request.http) injectTraceContext(request.http.headers);
  }

  override async didReceiveResponse({ response }: ReceiveOptions) {
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
