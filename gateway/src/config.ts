import { z } from 'zod';
import { LogLevel, NodeEnv, Port } from '../../subgraphs/kit/config.ts';

/** The gateway's environment; read once at boot by main.ts. */
export const GatewayEnv = z.object({
  NODE_ENV: NodeEnv,
  LOG_LEVEL: LogLevel,
  PORT: Port.default(4000),
  HOST: z.string().default('127.0.0.1'),
  /** Ed25519 private key (PKCS8 PEM) that signs the internal tokens sent to subgraphs. */
  STEWARD_INTERNAL_PRIVATE_KEY: z.string().includes('BEGIN PRIVATE KEY'),
  /** Composed supergraph to serve; the committed one by default. */
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
  /** Subgraph URLs; each defaults to the routing URL in the supergraph. */
  IDENTITY_URL: z.url().optional(),
  TENANCY_URL: z.url().optional(),
  AUDIT_URL: z.url().optional(),
  LIFECYCLE_URL: z.url().optional(),
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
});
export type GatewayEnv = z.infer<typeof GatewayEnv>;
