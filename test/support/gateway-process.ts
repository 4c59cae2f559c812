import { startNodeProcess, type NodeProcess } from './node-process.ts';
import { testEnvironment } from './test-env.ts';

export type GatewayProcess = NodeProcess;

/**
 * A second gateway, as its own OS process (`node gateway/src/main.ts`), over the same subgraphs
 * (and the test database, or `databaseUrl`).
 */
export function startGatewayProcess(
  subgraphUrls: Record<string, string>,
  databaseUrl = testEnvironment().databaseUrl,
): Promise<GatewayProcess> {
  const env = testEnvironment();
  return startNodeProcess('gateway/src/main.ts', {
    STEWARD_INTERNAL_PRIVATE_KEY: env.privateKeyPem,
    DATABASE_URL: databaseUrl,
    STEWARD_DB_SECRET: env.dbSecret,
    RATE_LIMIT_PER_MINUTE: '0',
    IDENTITY_URL: subgraphUrls.identity,
    TENANCY_URL: subgraphUrls.tenancy,
    AUDIT_URL: subgraphUrls.audit,
    LIFECYCLE_URL: subgraphUrls.lifecycle,
  });
}
