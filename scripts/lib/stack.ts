import type { Logger } from 'pino';
import { createGateway, type GatewayOptions, type RunningGateway } from '../../gateway/src/server.ts';
import {
  GATEWAY_ROLE,
  KEY_STORE_OWNER,
  KEY_STORE_SCHEMA,
  provisionDatabase,
  urlForRole,
} from '../../platform/database.ts';
import { keyStoreMigrations } from '../../platform/crypto/key-store-migrations.ts';
import { migrate } from '../../subgraphs/runtime/orm.ts';
import { keyEncryptionKeyFromEnv, type KeyEncryptionKey } from '../../platform/crypto/key-encryption-key.ts';
import { KeyEncryptionKeyEnv, loadConfig } from '../../platform/config.ts';
import {
  createInternalTokenSigner,
  privateKeyFromPem,
  trustedIssuersOf,
  type StewardKeys,
} from '../../platform/internal-token.ts';
import {
  migrateSubgraph,
  startSubgraph,
  type DatabaseAccess,
} from '../../subgraphs/runtime/subgraph-module.ts';
import type { RunningSubgraph } from '../../subgraphs/runtime/subgraph-server.ts';
import { subgraphModules, type ModuleOptions } from './subgraph-modules.ts';
import { installDatabaseAudit } from './database-audit.ts';
import type { RateLimitOptions } from '../../gateway/src/rate-limit.ts';

/** The gateway's defaults: 600 requests a minute per principal (bursts of 100), five times that per IP. */
const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  principal: { capacity: 100, refillPerSecond: 10 },
  ip: { capacity: 500, refillPerSecond: 50 },
};

export type InternalKeys = StewardKeys;

export interface StackOptions extends DatabaseAccess {
  keys: InternalKeys;
  logger: Logger;
  production: boolean;
  supergraphSdl: string;
  /** The gateway's token buckets; null turns rate limiting off. */
  rateLimit?: RateLimitOptions | null;
  /** Identity overrides (tests: clock, mailer, OIDC providers). */
  identity?: ModuleOptions['identity'];
  /** Tenancy overrides (tests: clock, mailer). */
  tenancy?: ModuleOptions['tenancy'];
  audit?: ModuleOptions['audit'];
  lifecycle?: ModuleOptions['lifecycle'];
  /** Gateway options beyond the defaults (tests: limits, subgraph timeouts and URLs, trusted proxies). */
  gateway?: Partial<
    Pick<
      GatewayOptions,
      | 'limits'
      | 'subgraphTimeoutMs'
      | 'trustedProxies'
      | 'shutdownTimeoutMs'
      | 'metricsOperations'
      | 'corsOrigins'
    >
  > & {
    subgraphUrls?: Record<string, string>;
  };
  host?: string;
  /** 0 (the default) picks free ports. */
  gatewayPort?: number;
  subgraphPorts?: Partial<Record<string, number>>;
  /**
   * Wraps the subjects' data keys and identity's SSO secrets: from STEWARD_KEY_ENCRYPTION_KEY (and
   * STEWARD_RETIRED_KEY_ENCRYPTION_KEYS) when not given; development's fixed key when unset.
   */
  keyEncryptionKey?: KeyEncryptionKey;
  /** How long a process serves an unwrapped data key from memory (tests shorten it). */
  keyCacheMs?: number;
  /** Connections in each subgraph's pool (tests: a tiny pool to prove no tenant setting leaks). */
  poolMax?: number;
}

export interface RunningStack {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
  close(): Promise<void>;
}

/** Creates roles and schemas, then applies every subgraph's migrations as its owner. */
export async function migrateAll(
  access: DatabaseAccess,
  supergraphSdl: string,
): Promise<Record<string, string[]>> {
  await provisionDatabase(access.databaseUrl, access.dbSecret);
  // Before the migrations, so that they are recorded too; where it is refused the audit subgraph
  // says so at boot (it checks the triggers itself, wherever the migrations ran).
  await installDatabaseAudit(access.databaseUrl);
  const applied: Record<string, string[]> = {};
  // The subjects' key store first: its migrations grant the subgraphs' runtime roles their part.
  applied[KEY_STORE_SCHEMA] = await migrate({
    subgraph: KEY_STORE_SCHEMA,
    clientUrl: urlForRole(access.databaseUrl, KEY_STORE_OWNER, access.dbSecret),
    entities: [],
    migrations: keyStoreMigrations,
  });
  for (const module of subgraphModules({ production: false, supergraphSdl, env: {} })) {
    applied[module.name] = await migrateSubgraph(module, access);
  }
  return applied;
}

/** Starts the four subgraphs and the gateway in this process. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const trusted = trustedIssuersOf(options.keys);
  const subgraphs: Record<string, RunningSubgraph> = {};
  // Filled as subgraphs start; service calls look a URL up when they are made.
  const subgraphUrls = (name: string) => subgraphs[name]?.url;
  try {
    // Retention checkpoints must verify after a restart: sign them with the deployment's key.
    const audit = {
      signingKey: privateKeyFromPem(options.keys.auditSigning.privateKeyPem),
      ...options.audit,
    };
    // Certificates of destruction must verify after a restart too.
    const lifecycle = {
      certificateKey: privateKeyFromPem(options.keys.certificateSigning.privateKeyPem),
      ...options.lifecycle,
    };
    // One key-encryption key for every subgraph's key store and identity's SSO secrets.
    const keyEncryptionKey =
      options.keyEncryptionKey ?? keyEncryptionKeyFromEnv(loadConfig(KeyEncryptionKeyEnv));
    const identity = { keyEncryptionKey, ...options.identity };
    for (const module of subgraphModules({ ...options, identity, audit, lifecycle })) {
      const serviceKey = options.keys.services[module.name];
      subgraphs[module.name] = await startSubgraph(module, {
        ...options,
        keyEncryptionKey,
        trusted,
        servicePrivateKey: serviceKey ? privateKeyFromPem(serviceKey.privateKeyPem) : undefined,
        subgraphUrls,
        // One list of operation names for the metrics of every process, as METRICS_OPERATIONS is.
        metricsOperations: options.gateway?.metricsOperations,
        port: options.subgraphPorts?.[module.name] ?? 0,
      });
    }
    const gateway = await createGateway({
      supergraphSdl: options.supergraphSdl,
      ...options.gateway,
      subgraphUrls: {
        ...Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.url])),
        ...options.gateway?.subgraphUrls,
      },
      signer: createInternalTokenSigner(privateKeyFromPem(options.keys.privateKeyPem)),
      logger: options.logger.child({ service: 'gateway' }),
      production: options.production,
      database: {
        url: urlForRole(options.databaseUrl, GATEWAY_ROLE, options.dbSecret),
        rateLimit: options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit,
      },
    }).listen(options.gatewayPort ?? 0, options.host);
    return {
      gateway,
      subgraphs,
      close: async () => {
        await gateway.close();
        await Promise.all(Object.values(subgraphs).map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((s) => s.close()));
    throw error;
  }
}
