import { readFileSync } from 'node:fs';
import { loadConfig, subgraphUrlsOf } from '../../platform/config.ts';
import { connectionUrlFor, GATEWAY_ROLE } from '../../platform/database.ts';
import { assertNothingMissing } from '../../platform/requirements.ts';
import { createInternalTokenSigner, privateKeyFromPem } from '../../platform/internal-token.ts';
import { createLogger } from '../../platform/logger.ts';
import { onShutdown } from '../../platform/shutdown.ts';
import { startTracing } from '../../platform/tracing.ts';
import { GatewayEnv, gatewayWarnings, missingForGateway } from './config.ts';
import { createGateway } from './server.ts';

const env = loadConfig(GatewayEnv);
assertNothingMissing('gateway', missingForGateway(env));
const tracing = startTracing('steward-gateway', env.OTEL_EXPORTER_OTLP_ENDPOINT);
const logger = createLogger('gateway', { level: env.LOG_LEVEL, pii: env.LOG_PII });
for (const warning of gatewayWarnings(env)) logger.warn(warning);
const gateway = await createGateway({
  supergraphSdl: readFileSync(env.SUPERGRAPH_PATH, 'utf8'),
  subgraphUrls: subgraphUrlsOf(env),
  signer: createInternalTokenSigner(privateKeyFromPem(env.STEWARD_INTERNAL_PRIVATE_KEY)),
  logger,
  production: env.NODE_ENV === 'production',
  trustedProxies: env.TRUSTED_PROXIES,
  metricsOperations: env.METRICS_OPERATIONS,
  corsOrigins: env.CORS_ORIGINS,
  bodyLimit: env.BODY_LIMIT_BYTES,
  limits: {
    maxDepth: env.MAX_DEPTH,
    maxAliases: env.MAX_ALIASES,
    maxDirectives: env.MAX_DIRECTIVES,
    maxRootFields: env.MAX_ROOT_FIELDS,
    maxTokens: env.MAX_TOKENS,
    maxExpandedFields: env.MAX_EXPANDED_FIELDS,
    maxCost: env.MAX_COST,
    maxPageSize: env.MAX_PAGE_SIZE,
  },
  subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
  database: env.DATABASE_URL
    ? {
        url: connectionUrlFor(env.DATABASE_URL, GATEWAY_ROLE, env.STEWARD_DB_SECRET),
        principalCacheTtlMs: env.PRINCIPAL_CACHE_TTL_SECONDS * 1000,
        accessOutbox: { maxAttempts: env.AUDIT_DELIVERY_MAX_ATTEMPTS },
        rateLimit: env.RATE_LIMIT_PER_MINUTE
          ? {
              principal: { capacity: env.RATE_LIMIT_BURST, refillPerSecond: env.RATE_LIMIT_PER_MINUTE / 60 },
              ip: {
                capacity: env.RATE_LIMIT_BURST * 5,
                refillPerSecond: (env.RATE_LIMIT_PER_MINUTE * 5) / 60,
              },
            }
          : null,
      }
    : undefined,
}).listen(env.PORT, env.HOST);
// The handler first: a SIGTERM sent as soon as "ready" is read must find it.
onShutdown(logger, async () => {
  await gateway.close();
  await tracing?.shutdown();
});
logger.info({ url: gateway.url }, 'gateway ready');
