import { pino } from 'pino';
import { createGateway } from '../../gateway/src/server.ts';
import type { RateLimitOptions } from '../../gateway/src/rate-limit.ts';
import { createInternalTokenSigner, privateKeyFromPem } from '../../platform/internal-token.ts';

/** What the benchmark's Steward gateway is given (BENCH_GATEWAY, JSON). */
export interface StewardGatewayConfig {
  subgraphUrls: Record<string, string>;
  databaseUrl: string;
  privateKeyPem: string;
  /** The production rate limiter's buckets (null: off). */
  rateLimit?: RateLimitOptions | null;
}

/**
 * Steward's gateway as `npm start` runs it in production, over the real subgraphs: the access log
 * and the rate limiter on. The cost limit is lifted: the 1,000-project list is a bulk read a
 * deployment refuses (it costs far above 5,000), measured here for the subgraphs' path it exercises.
 */
export async function startStewardGateway(
  supergraphSdl: string,
  config: StewardGatewayConfig,
  port = 0,
): Promise<string> {
  const gateway = createGateway({
    supergraphSdl,
    subgraphUrls: config.subgraphUrls,
    signer: createInternalTokenSigner(privateKeyFromPem(config.privateKeyPem)),
    logger: pino({ level: 'silent' }),
    production: true,
    database: { url: config.databaseUrl, rateLimit: config.rateLimit ?? null },
    limits: { maxCost: Number.MAX_SAFE_INTEGER },
  });
  return (await gateway.listen(port)).url;
}
