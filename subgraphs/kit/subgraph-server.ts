import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createErrorFormatter, ErrorCode, forbidden } from './errors.ts';
import { HttpError, createGraphQLHandler, sendError } from './http.ts';
import { createInternalTokenVerifier, type TrustedIssuers } from './internal-token.ts';
import type { InternalClient } from './internal-client.ts';
import { RequestTransaction, scopeOf, type EntityManager } from './orm.ts';
import type { Principal, RequestOrigin } from './principal.ts';
import { allow, applyMiddleware, deny, shield, type IRules } from './shield.ts';
import type { SubgraphName } from './database.ts';

/** What every subgraph resolver receives. */
export interface SubgraphContext<TLoaders = unknown> {
  principal: Principal;
  origin: RequestOrigin;
  tx: RequestTransaction;
  em: EntityManager;
  loaders: TLoaders;
  logger: Logger;
  /** Set by a sign-in mutation: the user this request just authenticated, allowed to read its own result. */
  signedInUserId: string | null;
  /** Calls another subgraph's internal operations as this subgraph (null when it has no service key). */
  internal: InternalClient | null;
}

export interface SubgraphServerOptions<TLoaders> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<TLoaders>>;
  /** graphql-shield rules; anything without a rule is denied. */
  permissions: IRules;
  orm: MikroORM;
  /** The gateway's public key and those of the services allowed to call this subgraph. */
  trusted: TrustedIssuers;
  /** This subgraph's own calls to other subgraphs. */
  internal?: InternalClient;
  logger: Logger;
  createLoaders: (em: EntityManager) => TLoaders;
  bodyLimit?: number;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  close(): Promise<void>;
}

/** Federation's own fields: reachable only with a valid internal token, which every request has. */
const federationRules = { Query: { _service: allow, _entities: allow }, _Service: { sdl: allow } };

export function buildSubgraphExecutableSchema<TLoaders>(options: SubgraphServerOptions<TLoaders>) {
  const schema = buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers as never }]);
  // A subgraph without entities has no _entities field, and shield refuses rules for missing fields.
  const hasEntities = Boolean(schema.getQueryType()?.getFields()._entities);
  const federation = hasEntities ? federationRules : { ...federationRules, Query: { _service: allow } };
  const rules = mergeRules(federation, options.permissions);
  return applyMiddleware(
    schema,
    shield(rules, { fallbackRule: deny, fallbackError: forbidden(), allowExternalErrors: true }),
  );
}

export function createSubgraphServer<TLoaders>(options: SubgraphServerOptions<TLoaders>) {
  const verify = createInternalTokenVerifier(options.trusted, options.name);
  const logger = options.logger;
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema: buildSubgraphExecutableSchema(options),
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    plugins: [transactionPlugin(logger), ApolloServerPluginInlineTraceDisabled()],
  });

  const handle = createGraphQLHandler({
    server: apollo,
    bodyLimit: options.bodyLimit ?? 1_000_000,
    context: async (req: IncomingMessage) => {
      // No internal token, no GraphQL: this runs before the body is even read.
      const header = req.headers.authorization ?? '';
      const claims = header.startsWith('Bearer ') ? await verify(header.slice(7)) : null;
      if (!claims) throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'Missing or invalid internal token');
      const tx = new RequestTransaction(options.orm, scopeOf(claims.principal));
      return {
        principal: claims.principal,
        origin: claims.origin,
        tx,
        em: tx.em,
        loaders: options.createLoaders(tx.em),
        logger: logger.child({ requestId: claims.origin.requestId }),
        signedInUserId: null,
        internal: options.internal ?? null,
      };
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
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent)
        sendError(res, new HttpError(500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
      else res.end();
    });
  });

  return {
    apollo,
    http,
    async listen(port: number, host = '127.0.0.1'): Promise<RunningSubgraph> {
      await apollo.start();
      await new Promise<void>((resolve) => http.listen(port, host, resolve));
      const address = http.address() as AddressInfo;
      return {
        name: options.name,
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

function transactionPlugin(logger: Logger): ApolloServerPlugin<SubgraphContext<unknown>> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ contextValue }) {
          await contextValue.tx.begin();
        },
        async willSendResponse({ contextValue, response }) {
          const body = response.body;
          const failed = body.kind !== 'single' || Boolean(body.singleResult.errors?.length);
          try {
            await contextValue.tx.end(!failed);
          } catch (error) {
            logger.error({ err: error }, 'commit failed');
            if (body.kind === 'single') {
              body.singleResult = {
                data: null,
                errors: [
                  { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } },
                ],
              };
            }
          }
        },
      };
    },
  };
}

function mergeRules(...maps: IRules[]): IRules {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map as Record<string, Record<string, unknown>>)) {
      merged[type] = { ...merged[type], ...fields };
    }
  }
  return merged as IRules;
}
