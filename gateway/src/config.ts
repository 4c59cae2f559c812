import { z } from 'zod';
import { Pem, Port, ProcessEnv, SubgraphUrlsEnv, missingDatabaseAccess } from '../../platform/config.ts';
import { DEFAULT_SUBGRAPH_TIMEOUT_MS } from '../../platform/internal-client.ts';
import { GATEWAY_ROLE, SUBGRAPHS } from '../../platform/database.ts';
import { urlVariableOf, type Missing } from '../../platform/requirements.ts';
import { CorsOrigins } from './cors.ts';
import { DEFAULT_LIMITS } from './limits/operation-limits.ts';

/** The gateway's environment; read once at boot by main.ts. */
export const GatewayEnv = ProcessEnv.extend({
  PORT: Port.default(4000),
  HOST: z.string().default('127.0.0.1'),
  /** Ed25519 private key (PKCS8 PEM) that signs the internal tokens sent to subgraphs. */
  STEWARD_INTERNAL_PRIVATE_KEY: Pem('BEGIN PRIVATE KEY'),
  /** Composed supergraph to serve; the committed one by default. */
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
  /** Subgraph URLs; each defaults to the routing URL in the supergraph. */
  ...SubgraphUrlsEnv.shape,
  /** Comma-separated proxy addresses whose X-Forwarded-For is believed. */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Origins of browser front ends allowed to call the graph (CORS); unset: see cors.ts. */
  CORS_ORIGINS: CorsOrigins,
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(100_000),
  // DATABASE_URL (ProcessEnv): with it, the gateway caches principals and LISTENs for their
  // changes (as its own role).
  /** Longest a cached principal is reused (changes are announced and dropped at once anyway). */
  PRINCIPAL_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Token bucket per principal (needs DATABASE_URL; an IP's bucket is five times larger); 0 turns it off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_BURST: z.coerce.number().int().positive().default(100),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_SUBGRAPH_TIMEOUT_MS),
  MAX_DEPTH: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxDepth),
  MAX_ALIASES: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxAliases),
  MAX_DIRECTIVES: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxDirectives),
  MAX_ROOT_FIELDS: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxRootFields),
  MAX_TOKENS: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxTokens),
  MAX_EXPANDED_FIELDS: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxExpandedFields),
  MAX_COST: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxCost),
  MAX_PAGE_SIZE: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxPageSize),
});
export type GatewayEnv = z.infer<typeof GatewayEnv>;

/**
 * In production the gateway needs every subgraph's URL (the supergraph's routing URLs point to
 * localhost) and its database role: principal cache invalidation and the shared rate limits.
 */
export function missingForGateway(env: GatewayEnv): Missing[] {
  if (env.NODE_ENV !== 'production') return [];
  const urls = env as unknown as Record<string, string | undefined>;
  const missing: Missing[] = SUBGRAPHS.filter((name) => !urls[urlVariableOf(name)]).map((name) => ({
    variable: urlVariableOf(name),
    why: `where the gateway reaches ${name}`,
  }));
  if (!env.DATABASE_URL) {
    missing.push({
      variable: 'DATABASE_URL',
      why: `${GATEWAY_ROLE}'s URL: principal changes (LISTEN), the shared rate limits and the access outbox`,
    });
    return missing;
  }
  return [...missing, ...missingDatabaseAccess(GATEWAY_ROLE, { ...env, DATABASE_URL: env.DATABASE_URL })];
}

/** Capabilities configuration switched off; the gateway logs each at warn when it starts. */
export function gatewayWarnings(env: GatewayEnv): string[] {
  if (!env.DATABASE_URL)
    return [
      'no DATABASE_URL: principals are not cached, no rate limit applies and no access event is recorded (the access outbox is in PostgreSQL)',
    ];
  return env.RATE_LIMIT_PER_MINUTE === 0 ? ['rate limits off: RATE_LIMIT_PER_MINUTE=0'] : [];
}
