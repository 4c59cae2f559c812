import { z } from 'zod';
import { assertProductionSecrets, loadConfig, Port, SubgraphEnv } from './config.ts';
import { publicKeyFromPem } from './internal-token.ts';
import { createLogger } from './logger.ts';
import { startSubgraph, type SubgraphModule } from './subgraph-module.ts';
import { onShutdown } from './shutdown.ts';

/** main.ts of a subgraph started on its own: config, listen, stop cleanly on SIGINT/SIGTERM. */
export async function runSubgraph<TLoaders>(
  createModule: (env: SubgraphEnv) => SubgraphModule<TLoaders>,
  defaultPort: number,
): Promise<void> {
  const env = loadConfig(
    SubgraphEnv.extend({ PORT: Port.default(defaultPort), HOST: z.string().default('127.0.0.1') }),
  );
  assertProductionSecrets(env);
  const module = createModule(env);
  const logger = createLogger(module.name, env.LOG_LEVEL);
  const running = await startSubgraph(module, {
    databaseUrl: env.DATABASE_URL,
    dbSecret: env.STEWARD_DB_SECRET,
    internalPublicKey: publicKeyFromPem(env.STEWARD_INTERNAL_PUBLIC_KEY),
    logger,
    port: env.PORT,
    host: env.HOST,
  });
  logger.info({ url: running.url }, `${module.name} subgraph ready`);
  onShutdown(logger, () => running.close());
}
