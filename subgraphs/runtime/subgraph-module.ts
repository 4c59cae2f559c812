import { readFileSync } from 'node:fs';
import pg from 'pg';
import { surviveConnectionLoss } from '../../platform/connection-loss.ts';
import type { KeyObject } from 'node:crypto';
import { parse, type DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import type { EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import type { Migration } from '@mikro-orm/migrations';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { initOrm, migrate, type EntityManager } from './orm.ts';
import { connectionUrlFor, rolesOf, urlForRole, type SubgraphName } from '../../platform/database.ts';
import {
  createInternalClient,
  type InternalClient,
  type SubgraphUrls,
} from '../../platform/internal-client.ts';
import {
  createInternalTokenSigner,
  serviceIssuerOf,
  type TrustedIssuers,
} from '../../platform/internal-token.ts';
import { createSubgraphServer, type RunningSubgraph } from './subgraph-server.ts';
import type { InternalRoute, SubgraphContext } from './context.ts';
import { hasAuditOutbox, startOutboxRelay } from '../protocols/audit-outbox/outbox-relay.ts';
import { subjectDataRoutes, type SubjectDataOfSubgraph } from '../protocols/subject-data/routes.ts';
import { ingestAuditEventsOperation } from '../../contracts/operations/audit/ingest-audit-events.ts';
import type { IRules } from './shield.ts';
import { createMetrics, type Metrics } from '../../platform/metrics.ts';
import type { ArgumentRules } from './argument-guard.ts';
import { installJobQueue } from './jobs/queue-schema.ts';
import type { KeyEncryptionKey } from '../../platform/crypto/key-encryption-key.ts';
import { keyEncryptionKeyFromEnv } from '../../platform/crypto/key-encryption-key.ts';
import { createContentSealer, type ContentSealer } from '../../platform/crypto/sealed-content.ts';
import { createSubjectKeyStore } from '../../platform/crypto/subject-key-store.ts';
import type { SubjectKeysOfProcess } from './context.ts';

/** Everything that makes one subgraph, so that one bootstrap serves all four. */
export interface SubgraphModule<TLoaders = unknown> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<TLoaders>>;
  permissions: IRules;
  /** The String and ID arguments that are free text or not Steward ids (argument-guard.ts). */
  argumentRules?: ArgumentRules;
  entities: EntitySchema[];
  migrations: (new (...args: never[]) => Migration)[];
  createLoaders: (em: EntityManager, sealer: ContentSealer) => TLoaders;
  /** The subject data it owns: the runtime serves the subject-data protocol routes from it. */
  subjectData: SubjectDataOfSubgraph;
  /** Its own internal HTTP routes (path to handler), behind the internal-token check. */
  routes?: Record<string, InternalRoute>;
  /** Work the subgraph runs beside its requests (a sweep); started after listen, stopped on close. */
  background?: (deps: BackgroundDeps) => { stop(): Promise<void> };
  /** Capabilities deliberately switched off by configuration: each is logged at warn when it starts. */
  warnings?: string[];
  /** Its job kinds and scheduled tasks: queues `npm run migrate` installs (runtime/jobs/queue-schema.ts). */
  jobQueues?: readonly string[];
}

export interface BackgroundDeps extends SubjectKeysOfProcess {
  orm: MikroORM;
  logger: Logger;
  /** The runtime role's URL, for a dedicated LISTEN connection. */
  listenUrl: string;
  internal?: InternalClient;
  /** The subgraph's /metrics registry, for its background work's series. */
  metrics: Metrics;
}

/** Reads a subgraph's schema.graphql, the source of truth for its API. */
export function loadTypeDefs(schemaUrl: URL): DocumentNode {
  return parse(readFileSync(schemaUrl, 'utf8'));
}

export interface DatabaseAccess {
  databaseUrl: string;
  dbSecret: string;
}

export interface StartSubgraphOptions extends DatabaseAccess {
  trusted: TrustedIssuers;
  /** This subgraph's service key, for its calls to other subgraphs. */
  servicePrivateKey?: KeyObject;
  subgraphUrls?: SubgraphUrls;
  logger: Logger;
  port?: number;
  host?: string;
  poolMax?: number;
  /** Operation names kept in the `operation` metric label beyond the root fields (metrics.ts). */
  metricsOperations?: readonly string[];
  /** Refusals of one outbox event by the audit subgraph before it becomes a dead letter. */
  auditDeliveryMaxAttempts?: number;
  /** Wraps the subjects' data keys; development's fixed key when not given (production requires one). */
  keyEncryptionKey?: KeyEncryptionKey;
  /** How long an unwrapped data key is served from memory (subject-key-store.ts; tests shorten it). */
  keyCacheMs?: number;
}

/** Connects as the subgraph's runtime role, builds its server and listens. */
export async function startSubgraph<TLoaders>(
  module: SubgraphModule<TLoaders>,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const { runtime } = rolesOf(module.name);
  const orm = await initOrm({
    subgraph: module.name,
    clientUrl: connectionUrlFor(options.databaseUrl, runtime, options.dbSecret),
    entities: module.entities,
    migrations: module.migrations,
    poolMax: options.poolMax,
    onConnectionLost: (error) =>
      options.logger.warn({ err: error, subgraph: module.name }, 'database connection lost'),
  });
  const internal =
    options.servicePrivateKey && options.subgraphUrls
      ? createInternalClient(
          createInternalTokenSigner(options.servicePrivateKey, { issuer: serviceIssuerOf(module.name) }),
          module.name,
          options.subgraphUrls,
        )
      : undefined;
  const auditOutbox = await hasAuditOutbox(orm, module.name);
  const logger = options.logger.child({ subgraph: module.name });
  // A pool of its own: a request holding one of the ORM's connections never waits on another
  // request's for a key.
  const keyPool = new pg.Pool({
    connectionString: connectionUrlFor(options.databaseUrl, runtime, options.dbSecret),
    max: 4,
  });
  surviveConnectionLoss(keyPool, (error) => logger.warn({ err: error }, 'key store connection lost'));
  const metrics = createMetrics(module.name);
  const subjectKeys = createSubjectKeyStore({
    pool: keyPool,
    keyEncryptionKey: options.keyEncryptionKey ?? keyEncryptionKeyFromEnv({}),
    logger,
    registry: metrics.registry,
    cacheMs: options.keyCacheMs,
  });
  const keys: SubjectKeysOfProcess = {
    subjectKeys,
    sealer: createContentSealer(subjectKeys, { logger, registry: metrics.registry }),
  };
  const server = createSubgraphServer({
    ...module,
    routes: { ...subjectDataRoutes(module.typeDefs, module.subjectData), ...module.routes },
    orm,
    auditOutbox,
    keys,
    metrics,
    trusted: options.trusted,
    internal,
    serviceKey: options.servicePrivateKey,
    logger: options.logger.child({ subgraph: module.name }),
    metricsOperations: options.metricsOperations,
  });
  const running = await server.listen(options.port ?? 0, options.host);
  for (const warning of module.warnings ?? []) logger.warn(warning);
  if (auditOutbox && !internal) {
    logger.warn('audit outbox relay off: no service key or subgraph URLs; audit events stay in the outbox');
  }
  const listenUrl = connectionUrlFor(options.databaseUrl, runtime, options.dbSecret);
  // A subgraph with an outbox delivers it to the audit log's owner; it needs its service key for that.
  const relay =
    internal && auditOutbox
      ? startOutboxRelay({
          orm,
          schema: module.name,
          internal,
          logger,
          listenUrl,
          registry: server.metrics.registry,
          maxAttempts: options.auditDeliveryMaxAttempts,
          auditKnown: () => Boolean(options.subgraphUrls?.(ingestAuditEventsOperation.owner)),
        })
      : null;
  const background = module.background?.({
    orm,
    logger,
    internal,
    listenUrl,
    metrics: server.metrics,
    ...keys,
  });
  // Closing twice (a test stopping one subgraph, then its whole stack) closes once.
  let closing: Promise<void> | null = null;
  const close = async () => {
    await background?.stop();
    await relay?.stop();
    await running.close();
    await orm.close(true);
    await keyPool.end();
  };
  return {
    ...running,
    close: () => (closing ??= close()),
  };
}

/** Applies the subgraph's pending migrations, connected as its owner role, then installs its job queue. */
export async function migrateSubgraph(module: SubgraphModule, access: DatabaseAccess): Promise<string[]> {
  const { owner } = rolesOf(module.name);
  const applied = await migrate({
    subgraph: module.name,
    clientUrl: urlForRole(access.databaseUrl, owner, access.dbSecret),
    entities: module.entities,
    migrations: module.migrations,
  });
  if (module.jobQueues?.length) await installJobQueue(access, module.name, module.jobQueues);
  return applied;
}
