import { readFileSync } from 'node:fs';
import { loadConfig } from '../../subgraphs/kit/config.ts';
import { createInternalTokenSigner, privateKeyFromPem } from '../../subgraphs/kit/internal-token.ts';
import { createLogger } from '../../subgraphs/kit/logger.ts';
import { onShutdown } from '../../subgraphs/kit/shutdown.ts';
import { GatewayEnv } from './config.ts';
import { createGateway } from './server.ts';

const env = loadConfig(GatewayEnv);
const logger = createLogger('gateway', env.LOG_LEVEL);
const gateway = await createGateway({
  supergraphSdl: readFileSync(env.SUPERGRAPH_PATH, 'utf8'),
  subgraphUrls: {
    identity: env.IDENTITY_URL,
    tenancy: env.TENANCY_URL,
    audit: env.AUDIT_URL,
    lifecycle: env.LIFECYCLE_URL,
  },
  signer: createInternalTokenSigner(privateKeyFromPem(env.STEWARD_INTERNAL_PRIVATE_KEY)),
  logger,
  production: env.NODE_ENV === 'production',
  trustedProxies: env.TRUSTED_PROXIES,
  bodyLimit: env.BODY_LIMIT_BYTES,
}).listen(env.PORT, env.HOST);
logger.info({ url: gateway.url }, 'gateway ready');
onShutdown(logger, () => gateway.close());
