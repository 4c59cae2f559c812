import { z } from 'zod';
import { Port, ProcessEnv, SubgraphUrlsEnv } from '../../platform/config.ts';
import { DEFAULT_SUBGRAPH_TIMEOUT_MS } from '../../platform/internal-client.ts';
import { DEFAULT_LIMITS } from './limits/operation-limits.ts';

/** The gateway's environment; read once at boot by main.ts. */
export const GatewayEnv = ProcessEnv.extend({
  PORT: Port.default(4000),
  HOST: z.string().default('127.0.0.1'),
  /** Ed25519 private key (PKCS8 PEM) that signs the internal tokens sent to subgraphs. */
  STEWARD_INTERNAL_PRIVATE_KEY: z.string().includes('BEGIN PRIVATE KEY'),
  /** Composed supergraph to serve; the committed one by default. */
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
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
  MAX_COST: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxCost),
  MAX_PAGE_SIZE: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxPageSize),
});
export type GatewayEnv = z.infer<typeof GatewayEnv>;
