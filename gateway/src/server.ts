import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import { createErrorFormatter, ErrorCode } from '../../subgraphs/kit/errors.ts';
import { HttpError, createGraphQLHandler, sendError } from '../../subgraphs/kit/http.ts';
import type { InternalTokenSigner } from '../../subgraphs/kit/internal-token.ts';
import type { Principal, RequestOrigin } from '../../subgraphs/kit/principal.ts';
import { createAuthenticator } from './authenticate.ts';
import { requestOrigin } from './client-origin.ts';
import { createInternalClient } from '../../subgraphs/kit/internal-client.ts';
import { routingUrlsOf } from './subgraph-urls.ts';

export interface GatewayContext extends BaseContext {
  principal: Principal;
  origin: RequestOrigin;
  /** Internal tokens minted for this request, one per subgraph. */
  tokens: Map<string, Promise<string>>;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Overrides of the supergraph's routing URLs, by subgraph name. */
  subgraphUrls?: Record<string, string | undefined>;
  signer: InternalTokenSigner;
  logger: Logger;
  production: boolean;
  trustedProxies?: readonly string[];
  bodyLimit?: number;
}

export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

/** Signs each subgraph call with a token for that subgraph carrying the request's principal. */
class InternalTokenDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;
  private readonly signer: InternalTokenSigner;

  constructor(subgraph: string, url: string, signer: InternalTokenSigner) {
    super({ url, fetcher: fetch as never });
    this.subgraph = subgraph;
    this.signer = signer;
  }

  override async willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (!context.tokens) return;
    let token = context.tokens.get(this.subgraph);
    if (!token) {
      token = this.signer(this.subgraph, { principal: context.principal, origin: context.origin });
      context.tokens.set(this.subgraph, token);
    }
    request.http?.headers.set('authorization', `Bearer ${await token}`);
    request.http?.headers.set('x-request-id', context.origin.requestId);
  }
}

export function createGateway(options: GatewayOptions) {
  const urls = { ...routingUrlsOf(options.supergraphSdl) };
  for (const [name, url] of Object.entries(options.subgraphUrls ?? {})) if (url) urls[name] = url;

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => new InternalTokenDataSource(name, urls[name]!, options.signer),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(options.logger),
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ...(options.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });

  const authenticate = createAuthenticator(
    createInternalClient(options.signer, 'gateway', (name) => urls[name]),
  );
  const trustedProxies = options.trustedProxies ?? [];
  const handle = createGraphQLHandler({
    server: apollo,
    bodyLimit: options.bodyLimit ?? 100_000,
    context: async (req: IncomingMessage) => {
      const origin = requestOrigin(req, trustedProxies);
      const principal = await authenticate(req.headers.authorization, origin);
      if (!principal) throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'Invalid or expired credentials');
      return { principal, origin, tokens: new Map() };
    },
  });

  const http: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (path !== '/graphql') return sendError(res, new HttpError(404, ErrorCode.NOT_FOUND, 'Not found'));
    handle(req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, 'request failed');
      if (!res.headersSent)
        sendError(res, new HttpError(500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
      else res.end();
    });
  });

  return {
    async listen(port: number, host = '127.0.0.1'): Promise<RunningGateway> {
      await apollo.start();
      await new Promise<void>((resolve) => http.listen(port, host, resolve));
      const address = http.address() as AddressInfo;
      return {
        url: `http://${host}:${address.port}/graphql`,
        close: async () => {
          await new Promise<void>((resolve) => http.close(() => resolve()));
          http.closeAllConnections();
          await apollo.stop();
        },
      };
    },
  };
}
