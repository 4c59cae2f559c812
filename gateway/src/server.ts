import { withServerSpan } from '../../platform/tracing.ts';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import pg from 'pg';
import { surviveConnectionLoss } from '../../platform/connection-loss.ts';
import type { Logger } from 'pino';
import {
  ErrorCode,
  errorLogPlugin,
  formatError,
  isUnavailable,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
} from '../../platform/errors.ts';
import { unavailablePlugin } from './unavailable-plugin.ts';
import { HttpError, createGraphQLHandler, sendError } from '../../platform/http.ts';
import { createInternalClient, DEFAULT_SUBGRAPH_TIMEOUT_MS } from '../../platform/internal-client.ts';
import { INTERNAL_TOKEN_TTL_SECONDS, type InternalTokenSigner } from '../../platform/internal-token.ts';
import type { Principal } from '../../platform/principal.ts';
import { createAuthenticator, type Authenticator } from './authenticate.ts';
import { requestOrigin } from './client-origin.ts';
import { corsOriginsOf, createCors } from './cors.ts';
import type { GatewayContext } from './context.ts';
import { refuseCredentialsInQuery } from './credentials-in-query.ts';
import { SubgraphDataSource } from './data-source.ts';
import { createInternalTokens } from './internal-tokens.ts';
import { createSubgraphPoster } from './subgraph-http.ts';
import { createGatewayMetrics } from './gateway-metrics.ts';
import { createOperationalRoutes } from './http-routes.ts';
import { redirectsToExplorer, serveExplorer } from './explorer-route.ts';
import { DEFAULT_LIMITS, operationLimits, type OperationLimits } from './limits/operation-limits.ts';
import { listSizesOf } from './limits/list-sizes.ts';
import { createPrincipalCache } from './principal-cache.ts';
import { listenForPrincipalChanges } from './principal-changes-listener.ts';
import { createRateLimiter, type BucketKey, type RateLimitOptions } from './rate-limit.ts';
import { requestIdPlugin } from './request-plugins.ts';
import { signInPolicyPlugin, signInPolicyRefusal } from './sign-in-policy-plugin.ts';
import { policyScopedPrincipal } from './policy-scoped-principal.ts';
import { createAccessLog } from './access-log.ts';
import { createAccessOutbox, type AccessOutboxTuning } from './access-outbox/access-outbox.ts';
import { AUDIT_LOG_EXPORT_ROUTE, streamAuditLogExport } from './audit-log-export-route.ts';
import { DATA_EXPORT_DOWNLOAD_ROUTE, createDataExportDownloadRoute } from './data-export-download-route.ts';
import { metricsPlugin } from '../../platform/metrics.ts';
import { SingleSignInMutationRule } from './single-sign-in-rule.ts';
import { routingUrlsOf } from './subgraph-urls.ts';

export type { GatewayContext };

export interface GatewayOptions {
  supergraphSdl: string;
  /** Overrides of the supergraph's routing URLs, by subgraph name. */
  subgraphUrls?: Record<string, string | undefined>;
  signer: InternalTokenSigner;
  logger: Logger;
  production: boolean;
  trustedProxies?: readonly string[];
  /**
   * Origins whose browser front ends may call the graph (CORS); by default none in production,
   * the usual local development origins otherwise.
   */
  corsOrigins?: readonly string[];
  /** Operation names kept in the `operation` metric label beyond the root fields (metrics.ts). */
  metricsOperations?: readonly string[];
  bodyLimit?: number;
  limits?: Partial<OperationLimits>;
  /** Deadline of one call to a subgraph. */
  subgraphTimeoutMs?: number;
  /**
   * The gateway's own database role (it reads and writes no subgraph's data). With it, principals
   * are cached between requests and dropped the moment a subgraph announces a change
   * (LISTEN/NOTIFY), and rate limits are shared by every gateway process. Without it, every
   * request resolves its principal afresh and nothing is rate limited.
   */
  database?: {
    url: string;
    principalCacheTtlMs?: number;
    rateLimit?: RateLimitOptions | null;
    /** Tuning of the access outbox's delivery (tests). */
    accessOutbox?: AccessOutboxTuning;
  };
  /**
   * Access events of every operation to the audit log, through the gateway's outbox in
   * PostgreSQL (on unless false; needs `database`).
   */
  accessLog?: boolean;
  /** Longest a graceful shutdown waits for requests in flight. */
  shutdownTimeoutMs?: number;
  /** Benchmark seam (bench/ only): replaces bearer-token authentication, e.g. by a fixed principal. */
  authenticate?: Authenticator;
}

export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

const RATE_BUCKET_PRUNE_INTERVAL_MS = 60_000;

/** Per principal and per IP: an anonymous request has only its IP bucket. */
function rateLimitKeys(principal: Principal, ip: string | null, options: RateLimitOptions): BucketKey[] {
  const keys: BucketKey[] = ip ? [{ key: `ip:${ip}`, bucket: options.ip }] : [];
  if (principal.kind === 'user')
    keys.push({ key: `principal:user:${principal.userId}`, bucket: options.principal });
  if (principal.kind === 'apiKey')
    keys.push({ key: `principal:key:${principal.keyId}`, bucket: options.principal });
  return keys;
}

export function createGateway(options: GatewayOptions) {
  const urls = { ...routingUrlsOf(options.supergraphSdl) };
  for (const [name, url] of Object.entries(options.subgraphUrls ?? {})) if (url) urls[name] = url;
  const logger = options.logger;
  const metrics = createGatewayMetrics();
  const limits = operationLimits(
    { ...DEFAULT_LIMITS, ...options.limits },
    listSizesOf(options.supergraphSdl),
  );
  const subgraphTimeoutMs = options.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;

  const pool = options.database ? new pg.Pool({ connectionString: options.database.url, max: 4 }) : null;
  // An idle connection the server closes (a restart, a failover) is dropped, not a crash: the
  // pool opens another at the next query.
  if (pool)
    surviveConnectionLoss(pool, (error) => logger.warn({ err: error }, 'gateway database connection lost'));
  const cache = createPrincipalCache({
    ttlMs: options.database?.principalCacheTtlMs ?? 60_000,
    maxEntries: 10_000,
  });
  const listener = options.database ? listenForPrincipalChanges(options.database.url, cache, logger) : null;
  const rateLimit = options.database?.rateLimit ?? null;
  // The buckets' own connections, committing without waiting for the WAL flush: every request
  // updates its IP's and principal's rows, and a row's next update waits for the previous commit,
  // so waiting for the disk serialized every request from one address behind it. A crash loses at
  // most the last few hundred milliseconds of taken tokens, which refill within a second anyway.
  const bucketPool =
    options.database && rateLimit
      ? new pg.Pool({ connectionString: options.database.url, max: 4, options: '-c synchronous_commit=off' })
      : null;
  if (bucketPool)
    surviveConnectionLoss(bucketPool, (error) =>
      logger.warn({ err: error }, 'rate-limit database connection lost'),
    );
  let degradedLoggedAt = 0;
  const rateLimiter =
    bucketPool && rateLimit
      ? createRateLimiter(bucketPool, {
          onDegraded: (error) => {
            metrics.rateLimitDegraded.inc();
            // Once per 30 s: while PostgreSQL is down every request would log it.
            if (Date.now() - degradedLoggedAt < 30_000) return;
            degradedLoggedAt = Date.now();
            logger.error({ err: error }, 'rate-limit buckets unreachable: each gateway process limits alone');
          },
        })
      : null;
  // An absent bucket is a full one: those full again are deleted, so the table holds active keys only.
  const pruning = rateLimiter
    ? setInterval(() => {
        rateLimiter.prune().then(
          (pruned) => metrics.rateBucketsPruned.inc(pruned),
          (error: unknown) => logger.warn({ err: error }, 'rate-limit bucket pruning failed'),
        );
      }, RATE_BUCKET_PRUNE_INTERVAL_MS)
    : null;
  pruning?.unref();

  const internal = createInternalClient(options.signer, 'gateway', (name) => urls[name], subgraphTimeoutMs);
  const accessOutbox =
    options.database && options.accessLog !== false
      ? createAccessOutbox({
          ...options.database.accessOutbox,
          databaseUrl: options.database.url,
          internal,
          logger,
          metrics,
        })
      : null;
  const accessLog = accessOutbox ? createAccessLog({ outbox: accessOutbox }) : null;
  const tokens = createInternalTokens(options.signer, INTERNAL_TOKEN_TTL_SECONDS);
  const posters = Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [
      name,
      createSubgraphPoster(name, url, subgraphTimeoutMs, metrics),
    ]),
  );
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) =>
      new SubgraphDataSource({ subgraph: name, poster: posters[name]!, tokens, cache }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // platform/shutdown.ts owns SIGTERM: Apollo's own handler would re-raise the signal, killing
    // the process before requests in flight finish (outside NODE_ENV=test).
    stopOnTerminationSignals: false,
    formatError,
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?": field suggestions would let anyone map the schema without introspection.
    hideSchemaDetailsFromClientErrors: true,
    introspection: !options.production,
    parseOptions: limits.parseOptions,
    validationRules: [...limits.validationRules, SingleSignInMutationRule],
    plugins: [
      limits.plugin,
      requestIdPlugin(),
      unavailablePlugin(),
      signInPolicyPlugin(),
      ...(accessLog ? [accessLog.plugin] : []),
      errorLogPlugin<GatewayContext>(),
      metricsPlugin<GatewayContext>(metrics, options.metricsOperations),
      ApolloServerPluginInlineTraceDisabled(),
      // No Apollo landing page (it loads Sandbox from a CDN): development has /explorer instead.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });

  const authenticate = options.authenticate ?? createAuthenticator(internal);
  const trustedProxies = options.trustedProxies ?? [];

  /** Who is asking, and may they ask now: the bearer token's principal, within its rate limits. */
  const admit = async (req: IncomingMessage) => {
    refuseCredentialsInQuery(req.url);
    const origin = requestOrigin(req, trustedProxies);
    const bearer = req.headers.authorization;
    let principal = bearer ? cache.get(bearer) : undefined;
    if (!principal) {
      const resolvedAt = cache.generation();
      const resolved = await authenticate(bearer, origin);
      if (!resolved) {
        metrics.authenticationFailures.inc();
        throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'Invalid or expired credentials');
      }
      principal = resolved.principal;
      if (bearer) cache.set(bearer, principal, resolved.expiresAt, resolvedAt);
    }
    if (rateLimiter && rateLimit) {
      const verdict = await rateLimiter.take(rateLimitKeys(principal, origin.ip, rateLimit));
      if (!verdict.allowed) {
        metrics.rateLimited.inc({ bucket: verdict.bucket ?? 'unknown' });
        throw new HttpError(429, ErrorCode.RATE_LIMITED, 'Too many requests', {
          'retry-after': String(verdict.retryAfterSeconds ?? 1),
        });
      }
    }
    return { principal, origin };
  };

  const handle = createGraphQLHandler({
    server: apollo,
    bodyLimit: options.bodyLimit ?? 100_000,
    context: async (req: IncomingMessage): Promise<GatewayContext> => {
      const { principal, origin } = await admit(req);
      return { principal, origin, logger: logger.child({ requestId: origin.requestId }) };
    },
  });

  const operational = createOperationalRoutes(metrics, {
    subgraphs: Object.fromEntries(
      Object.entries(urls).map(([name, url]) => [name, url.replace(/\/graphql$/, '/healthz')]),
    ),
    database: pool ? () => pool.query('select 1') : undefined,
  });
  const exportDownload = createDataExportDownloadRoute({
    signer: options.signer,
    lifecycleUrl: urls.lifecycle,
    trustedProxies,
    timeoutMs: subgraphTimeoutMs,
    logger,
  });

  const cors = createCors(corsOriginsOf(options.corsOrigins, options.production));
  const http: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const respond = async () => {
      if (cors(req, res)) return;
      if (await operational(req, res, path)) return;
      // Development: the bundled GraphiQL explorer, in place of Apollo's CDN-hosted landing page.
      if (!options.production && (serveExplorer(req, res, path) || redirectsToExplorer(req, res, path)))
        return;
      if (path === AUDIT_LOG_EXPORT_ROUTE && req.method === 'GET') {
        const { principal, origin } = await admit(req);
        // No GraphQL operation, so no policy plugin: the organization's sign-in policy applies here too.
        // Every value given: whichever one the subgraph reads is checked.
        const named = new URL(req.url ?? '/', 'http://localhost').searchParams.getAll('organizationId');
        const refusal = signInPolicyRefusal(principal, named);
        if (refusal) {
          throw new HttpError(
            403,
            ErrorCode.FORBIDDEN,
            refusal.message,
            {},
            {
              reason: refusal.reason,
              organizationId: refusal.organizationId,
            },
          );
        }
        return streamAuditLogExport(req, res, {
          auditUrl: urls.audit,
          token: await options.signer('audit', { principal: policyScopedPrincipal(principal), origin }),
          requestId: origin.requestId,
          timeoutMs: subgraphTimeoutMs,
          logger,
        });
      }
      if (path === DATA_EXPORT_DOWNLOAD_ROUTE) return exportDownload(req, res);
      if (path !== '/graphql') return sendError(res, new HttpError(404, ErrorCode.NOT_FOUND, 'Not found'));
      await handle(req, res);
    };
    withServerSpan(req, res, path, respond).catch((error: unknown) => {
      if (error instanceof HttpError && !res.headersSent) return sendError(res, error);
      if (isUnavailable(error) && !res.headersSent) {
        logger.error({ err: error }, 'a dependency is unavailable');
        return sendError(
          res,
          new HttpError(503, ErrorCode.SERVICE_UNAVAILABLE, 'Service temporarily unavailable; retry later', {
            'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS),
          }),
        );
      }
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent)
        sendError(res, new HttpError(500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
      else res.end();
    });
  });
  // Slow clients cannot hold a connection open indefinitely (slowloris).
  http.headersTimeout = 10_000;
  http.requestTimeout = 30_000;
  http.keepAliveTimeout = 5_000;

  return {
    metrics,
    async listen(port: number, host = '127.0.0.1'): Promise<RunningGateway> {
      await listener?.ready;
      await apollo.start();
      await new Promise<void>((resolve) => http.listen(port, host, resolve));
      const address = http.address() as AddressInfo;
      return {
        url: `http://${host}:${address.port}/graphql`,
        // Stop accepting, let requests in flight finish (bounded), then close pools.
        close: async () => {
          const closed = new Promise<void>((resolve) => http.close(() => resolve()));
          http.closeIdleConnections();
          const deadline = setTimeout(() => http.closeAllConnections(), options.shutdownTimeoutMs ?? 10_000);
          await closed;
          clearTimeout(deadline);
          await apollo.stop();
          if (pruning) clearInterval(pruning);
          await accessOutbox?.close();
          await listener?.close();
          await pool?.end();
          await bucketPool?.end();
          for (const poster of Object.values(posters)) poster.close();
        },
      };
    },
  };
}
