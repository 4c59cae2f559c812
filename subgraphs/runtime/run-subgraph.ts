import { z } from 'zod';
import {
  loadConfig,
  missingDatabaseAccess,
  missingKeyEncryptionKey,
  Port,
  SubgraphEnv,
  subgraphUrlsOf,
} from '../../platform/config.ts';
import { rolesOf } from '../../platform/database.ts';
import { assertNothingMissing, missingServiceKeys } from '../../platform/requirements.ts';
import { privateKeyFromPem, trustedIssuersOf } from '../../platform/internal-token.ts';
import { createLogger } from '../../platform/logger.ts';
import { startSubgraph, type SubgraphModule } from './subgraph-module.ts';
import { keyEncryptionKeyFromEnv } from '../../platform/crypto/key-encryption-key.ts';
import { onShutdown } from '../../platform/shutdown.ts';
import { startTracing } from '../../platform/tracing.ts';

/**
 * main.ts of a subgraph started on its own: config, listen, stop cleanly on SIGINT/SIGTERM.
 * Stops at once, naming each variable, when the subgraph lacks a key, secret or URL its role needs.
 */
export async function runSubgraph<TLoaders>(
  createModule: (env: SubgraphEnv) => SubgraphModule<TLoaders>,
  defaultPort: number,
): Promise<void> {
  const env = loadConfig(
    SubgraphEnv.extend({ PORT: Port.default(defaultPort), HOST: z.string().default('127.0.0.1') }),
  );
  const module = createModule(env);
  assertNothingMissing(module.name, [
    ...missingDatabaseAccess(rolesOf(module.name).runtime, env),
    ...missingServiceKeys(module.name, env),
    ...missingKeyEncryptionKey(env),
  ]);
  const tracing = startTracing(`steward-${module.name}`, env.OTEL_EXPORTER_OTLP_ENDPOINT);
  const logger = createLogger(module.name, { level: env.LOG_LEVEL, pii: env.LOG_PII });
  const subgraphUrls: Record<string, string | undefined> = subgraphUrlsOf(env);
  const running = await startSubgraph(module, {
    databaseUrl: env.DATABASE_URL,
    dbSecret: env.STEWARD_DB_SECRET,
    auditDeliveryMaxAttempts: env.AUDIT_DELIVERY_MAX_ATTEMPTS,
    keyEncryptionKey: keyEncryptionKeyFromEnv(env),
    trusted: trustedIssuersOf({
      publicKeyPem: env.STEWARD_INTERNAL_PUBLIC_KEY,
      services: Object.fromEntries(
        Object.entries(env.STEWARD_SERVICE_PUBLIC_KEYS).map(([name, publicKeyPem]) => [
          name,
          { publicKeyPem },
        ]),
      ),
    }),
    servicePrivateKey: env.STEWARD_SERVICE_PRIVATE_KEY
      ? privateKeyFromPem(env.STEWARD_SERVICE_PRIVATE_KEY)
      : undefined,
    subgraphUrls: (name) => subgraphUrls[name],
    logger,
    metricsOperations: env.METRICS_OPERATIONS,
    port: env.PORT,
    host: env.HOST,
  });
  // The handler first: a SIGTERM sent as soon as "ready" is read must find it.
  onShutdown(logger, async () => {
    await running.close();
    await tracing?.shutdown();
  });
  logger.info({ url: running.url }, `${module.name} subgraph ready`);
}
