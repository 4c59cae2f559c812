import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { InternalRoute, SubgraphContext, SubjectKeysOfProcess } from './context.ts';
import { requestSealer } from '../../platform/crypto/sealed-content.ts';
import {
  errorLogPlugin,
  ErrorCode,
  forbidden,
  formatError,
  isUnavailable,
  unavailable,
} from '../../platform/errors.ts';
import { HttpError, createGraphQLHandler, sendError } from '../../platform/http.ts';
import { createInternalTokenVerifier, type TrustedIssuers } from '../../platform/internal-token.ts';
import type { InternalClient } from '../../platform/internal-client.ts';
import { RequestTransaction, scopeOf, type EntityManager } from './orm.ts';
import { REQUEST_ID_HEADER, requestIdFrom, type RequestOrigin } from '../../platform/principal.ts';
import { allow, applyMiddleware, deny, type IRules } from './shield.ts';
import { permissionMiddleware } from './permission-middleware.ts';
import { guardArguments, type ArgumentRules } from './argument-guard.ts';
import type { SubgraphName } from '../../platform/database.ts';
import { mergeTypeMaps } from './merge.ts';
import { recordDenials } from '../protocols/audit-outbox/denials.ts';
import { withServerSpan } from '../../platform/tracing.ts';
import { createMetrics, metricsPlugin, registerQueueMetrics, type Metrics } from '../../platform/metrics.ts';
import { readOutboxBacklog } from '../protocols/audit-outbox/outbox-relay.ts';
import { BACKGROUND_HEADER, inBackground } from '../../platform/background.ts';
import { CHANGES_EXTENSION, encodeChange, takeAnnouncedChanges } from '../../platform/principal-changes.ts';
import {
  ATTESTATIONS_EXTENSION,
  MEMBER_ATTESTER,
  MEMBER_AUDIENCE,
  attestationsFor,
  attestedMembers,
  signMemberAttestation,
} from '../../platform/member-attestation.ts';

export interface SubgraphServerOptions<TLoaders> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<TLoaders>>;
  /** Whether the subgraph has an audit outbox: permission denials are recorded there. */
  auditOutbox?: boolean;
  /** graphql-shield rules; anything without a rule is denied. */
  permissions: IRules;
  /** The String and ID arguments that are free text or not Steward ids (argument-guard.ts). */
  argumentRules?: ArgumentRules;
  orm: MikroORM;
  /** The gateway's public key and those of the services allowed to call this subgraph. */
  trusted: TrustedIssuers;
  /** This subgraph's own calls to other subgraphs. */
  internal?: InternalClient;
  /** This subgraph's service key: signs what it vouches for (member-attestation.ts). */
  serviceKey?: KeyObject;
  logger: Logger;
  metrics?: Metrics;
  /** The subjects' key store and sealer of this process (startSubgraph makes them). */
  keys: SubjectKeysOfProcess;
  createLoaders: (em: EntityManager, sealer: SubjectKeysOfProcess['sealer']) => TLoaders;
  bodyLimit?: number;
  /** Extra HTTP routes beside /graphql (an export stream), behind the same internal-token check. */
  routes?: Record<string, InternalRoute>;
  /** Operation names kept in the `operation` metric label beyond the root fields (metrics.ts). */
  metricsOperations?: readonly string[];
  /** Benchmark only (bench/targets/steward-subgraphs.ts): builds the schema without graphql-shield. */
  withoutPermissionsForBenchmark?: boolean;
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
  const rules = mergeTypeMaps<IRules>(federation, options.permissions);
  if (options.withoutPermissionsForBenchmark) return guardArguments(schema, options.argumentRules);
  const shielded = applyMiddleware(
    schema,
    permissionMiddleware(schema, rules, {
      fallbackRule: deny,
      fallbackError: forbidden(),
      allowExternalErrors: true,
    }),
  );
  // Outside the permission rules: a rule may read the database with an argument.
  return guardArguments(shielded, options.argumentRules);
}

export function createSubgraphServer<TLoaders>(options: SubgraphServerOptions<TLoaders>) {
  const verify = createInternalTokenVerifier(options.trusted, options.name);
  const logger = options.logger;
  // The process's registry when startSubgraph made one already (its key store counts there too).
  const metrics = options.metrics ?? createMetrics(options.name);
  if (options.auditOutbox) {
    registerQueueMetrics(metrics, () => readOutboxBacklog(options.orm, options.name));
  }
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema: buildSubgraphExecutableSchema(options),
    // platform/shutdown.ts owns SIGTERM: Apollo's own handler would re-raise the signal, killing
    // the process before the relay, the jobs and the pool are closed (outside NODE_ENV=test).
    stopOnTerminationSignals: false,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [
      transactionPlugin(logger, options.name, options.auditOutbox ?? false),
      attestationPlugin(options.name, options.serviceKey),
      errorLogPlugin<SubgraphContext<TLoaders>>(),
      metricsPlugin(metrics, options.metricsOperations),
      ApolloServerPluginInlineTraceDisabled(),
      // No type sets a cache hint, and the gateway caches nothing: without it no field is wrapped
      // to collect hints (Apollo installs it by default).
      ApolloServerPluginCacheControlDisabled(),
    ],
  });

  // No internal token, no GraphQL (nor any other route): this runs before the body is even read.
  const claimsOf = async (req: IncomingMessage) => {
    const header = req.headers.authorization ?? '';
    const claims = header.startsWith('Bearer ') ? await verify(header.slice(7)) : null;
    if (!claims) throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'Missing or invalid internal token');
    const origin: RequestOrigin = {
      ...claims.origin,
      requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]),
    };
    return { principal: claims.principal, origin };
  };

  const handle = createGraphQLHandler({
    server: apollo,
    graphqlResultsAs200: true,
    bodyLimit: options.bodyLimit ?? 1_000_000,
    context: async (req: IncomingMessage) => {
      const claims = await claimsOf(req);
      const tx = new RequestTransaction(options.orm, scopeOf(claims.principal));
      const received: string[] = [];
      let attested: ReadonlySet<string> | null = null;
      const sealer = requestSealer(options.keys.sealer);
      return {
        principal: claims.principal,
        origin: claims.origin,
        tx,
        em: tx.em,
        loaders: options.createLoaders(tx.em, sealer),
        ...options.keys,
        sealer,
        logger: logger.child({ requestId: claims.origin.requestId }),
        signedInUserId: null,
        internal: options.internal ?? null,
        vouchedMembers: new Set<string>(),
        receivedAttestations: received,
        attestedMembers: () =>
          (attested ??= attestedMembers(
            received,
            options.trusted.services?.[MEMBER_ATTESTER],
            claims.principal,
          )),
      };
    },
  });

  const http: Server = createServer((req, res) => {
    // Background work (an audit delivery) stays marked through the calls it makes here.
    if (req.headers[BACKGROUND_HEADER]) return void inBackground(() => serve(req, res));
    serve(req, res);
  });

  function serve(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' || path === '/readyz' || path === '/metrics') {
      operational(path, res).catch((error: unknown) => {
        logger.error({ err: error }, 'operational route failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    const routes = options.routes ?? {};
    const route = path !== '/graphql' && Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (path !== '/graphql' && !route) {
      return sendError(res, new HttpError(404, ErrorCode.NOT_FOUND, 'Not found'));
    }
    const served = withServerSpan(req, res, path!, () =>
      route
        ? claimsOf(req).then(({ principal, origin }) =>
            route(req, res, {
              principal,
              origin,
              orm: options.orm,
              logger: logger.child({ path }),
              ...options.keys,
            }),
          )
        : handle(req, res),
    );
    served.catch((error: unknown) => {
      if (error instanceof HttpError && !res.headersSent) return sendError(res, error);
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent)
        sendError(res, new HttpError(500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
      // A stream cut short must not look complete to the client.
      else if (route) res.destroy();
      else res.end();
    });
  }

  // Alive; ready when its database answers; Prometheus series. Like /healthz, no token needed.
  const operational = async (path: string, res: ServerResponse) => {
    if (path === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    if (path === '/metrics') {
      return void res
        .writeHead(200, { 'content-type': metrics.registry.contentType })
        .end(await metrics.registry.metrics());
    }
    const ready = await Promise.race([
      options.orm.em
        .getConnection()
        .execute('select 1')
        .then(
          () => true,
          () => false,
        ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref()),
    ]);
    res
      .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ready, checks: { database: ready } }));
  };
  // Slow clients cannot hold a connection open indefinitely.
  http.headersTimeout = 10_000;
  http.requestTimeout = 60_000;

  return {
    apollo,
    http,
    metrics,
    async listen(port: number, host = '127.0.0.1'): Promise<RunningSubgraph> {
      await apollo.start();
      await new Promise<void>((resolve) => http.listen(port, host, resolve));
      const address = http.address() as AddressInfo;
      return {
        name: options.name,
        url: `http://${host}:${address.port}/graphql`,
        // Stop accepting, let requests in flight finish (bounded), then stop.
        close: async () => {
          const closed = new Promise<void>((resolve) => http.close(() => resolve()));
          http.closeIdleConnections();
          const deadline = setTimeout(() => http.closeAllConnections(), 10_000);
          await closed;
          clearTimeout(deadline);
          await apollo.stop();
        },
      };
    },
  };
}

function transactionPlugin(
  logger: Logger,
  subgraph: string,
  outbox: boolean,
): ApolloServerPlugin<SubgraphContext<unknown>> {
  return {
    async requestDidStart() {
      return {
        // Opened once the operation is known (not for a parse or validation error), in the hook whose
        // errors Apollo answers as coded GraphQL errors.
        async didResolveOperation({ contextValue, operation }) {
          try {
            await contextValue.tx.begin({ readsOnly: operation?.operation === 'query' });
          } catch (error) {
            // PostgreSQL down is a coded, retryable answer, not an internal error.
            if (!isUnavailable(error)) throw error;
            logger.error({ err: error }, 'database unavailable');
            throw unavailable();
          }
        },
        async willSendResponse({ contextValue, response, errors, operation, document, request }) {
          const body = response.body;
          const failed = body.kind !== 'single' || Boolean(body.singleResult.errors?.length);
          try {
            await contextValue.tx.end(!failed);
            if (failed && outbox && errors?.length) {
              await recordDenials(contextValue, subgraph, {
                errors,
                operation,
                document,
                variables: request.variables,
              });
            }
            const changes = takeAnnouncedChanges(contextValue.em);
            if (!failed && changes.length && body.kind === 'single') {
              body.singleResult.extensions = {
                ...body.singleResult.extensions,
                [CHANGES_EXTENSION]: changes.map(encodeChange),
              };
            }
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

/**
 * Member attestations (platform/member-attestation.ts): those the gateway passed with the request
 * are kept for `attestedMembers()`; the members this subgraph vouched for go out with a complete
 * answer, signed with its service key, for identity.
 */
function attestationPlugin(
  subgraph: string,
  serviceKey: KeyObject | undefined,
): ApolloServerPlugin<SubgraphContext<unknown>> {
  return {
    async requestDidStart({ request, contextValue }) {
      contextValue.receivedAttestations.push(...attestationsFor(request.extensions, subgraph));
      if (!serviceKey || subgraph !== MEMBER_ATTESTER) return;
      return {
        async willSendResponse({ contextValue: ctx, response }) {
          const body = response.body;
          if (body.kind !== 'single' || body.singleResult.errors?.length || !ctx.vouchedMembers.size) return;
          const token = signMemberAttestation(serviceKey, ctx.principal, ctx.vouchedMembers);
          if (!token) return;
          body.singleResult.extensions = {
            ...body.singleResult.extensions,
            [ATTESTATIONS_EXTENSION]: { [MEMBER_AUDIENCE]: [token] },
          };
        },
      };
    },
  };
}
