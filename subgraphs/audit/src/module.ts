import type { KeyObject } from 'node:crypto';
import { DEFAULT_STEP_UP_WINDOW_MS } from '../../../platform/step-up.ts';
import { auditSubjectData } from './subject-data.ts';
import { chainHeadRoute } from './chain/chain-head-route.ts';
import { CHAIN_HEAD_PATH } from '../../../contracts/audit-chain-head.ts';
import { loadTypeDefs, type SubgraphModule } from '../../runtime/subgraph-module.ts';
import type { ArgumentRules } from '../../runtime/argument-guard.ts';
import type { AuditLoaders } from './context.ts';
import { AuditEventSchema } from './event/audit-event.entity.ts';
import { createAuditResolvers } from './resolvers.ts';
import { auditPermissions } from './permissions.ts';
import { checkpointKeysOf, developmentSigningKey } from './chain/checkpoint-signature.ts';
import { createAuditLogExportRoute } from './log-export/log-export-route.ts';
import { AUDIT_EXPORT_PATH } from '../../../contracts/audit-log-export.ts';
import { AUDIT_SWEEP_TASK, sweepAuditRetention } from './retention/retention-sweep.ts';
import { cronEveryHours } from '../../runtime/jobs/schedule.ts';
import { auditRetentionRoute } from './retention/retention-route.ts';
import { RETENTION_ROUTES } from '../../../contracts/retention.ts';
import { Migration20261121050000 } from './migrations/Migration20261121050000.ts';
import { Migration20261121080000 } from './migrations/Migration20261121080000.ts';
import { Migration20261121000200 } from './migrations/Migration20261121000200.ts';
import { Migration20261121030000 } from './migrations/Migration20261121030000.ts';
import { Migration20261206180000 } from './migrations/Migration20261206180000.ts';
import { Migration20261207060000 } from './migrations/Migration20261207060000.ts';
import { startDatabaseAudit } from './system/database-audit.background.ts';
import { Migration20261207060100 } from './migrations/Migration20261207060100.ts';
import { startIncidentNotifier } from './incident/incident-notifier.ts';
import { createIncidentMetrics } from './incident/incident-metrics.ts';
import type { Mailer } from '../../runtime/mailer.ts';
import { Migration20261207090000 } from './migrations/Migration20261207090000.ts';
import { Migration20261208060000 } from './migrations/Migration20261208060000.ts';
import { DEVELOPMENT_STREAM_KEY } from './stream/stream-secret.ts';
import { startStreamDelivery } from './stream/stream-delivery.ts';
import { createStreamMetrics } from './stream/stream-metrics.ts';
import { Migration20261208050000 } from './migrations/Migration20261208050000.ts';
import { Migration20261208050300 } from './migrations/Migration20261208050300.ts';
import {
  CHAIN_CHECKPOINT_TASK,
  CHAIN_VERIFICATION_JOB,
  createAuditJobQueue,
  fullVerificationHandler,
} from './chain/full-verification.ts';
import { checkpointDueChains } from './chain/chain-checkpointer.ts';
import { createChainMetrics } from './chain/chain-metrics.ts';

export { appendAuditEvent, type AuditEventInput } from './event/audit-event.repository.ts';
export { hashAuditEvent } from './event/audit-hash.ts';
export { sweepAuditRetention } from './retention/retention-sweep.ts';
export { checkpointKeysOf, type CheckpointKeys } from './chain/checkpoint-signature.ts';

export const auditEntities = [AuditEventSchema];
export const auditMigrations = [
  Migration20261121000200,
  Migration20261121030000,
  Migration20261121050000,
  Migration20261121080000,
  Migration20261206180000,
  Migration20261207060000,
  Migration20261207060100,
  Migration20261207090000,
  Migration20261208050000,
  Migration20261208050300,
  Migration20261208060000,
];

/** An actor may be a service ('lifecycle'), a target an operation: the filters take any one-line text. */
export const auditArgumentRules: ArgumentRules = {
  notIds: ['AuditEventFilter.actorId', 'AuditEventFilter.targetId'],
  text: [
    'DeclareIncidentInput.description',
    'IncidentUpdateInput.message',
    'Mutation.closeIncident(message:)',
  ],
};

export interface AuditOptions {
  /** Ed25519 private key that signs retention checkpoints; a per-process one when absent (not in production). */
  signingKey?: KeyObject;
  /** Public keys of retired signing keys, whose checkpoints must still verify. */
  retiredKeys?: KeyObject[];
  /** How often the retention sweep runs; 0 turns it off. @default six hours */
  sweepIntervalMs?: number;
  /** Minutes between runs of the chain checkpointer (a cron step, 1 to 59); 0 turns it off. @default 10 */
  checkpointIntervalMinutes?: number;
  /** A chain is checkpointed again once it has grown by this many events. @default 1000 */
  checkpointMinEvents?: number;
  /** How often database administration (captured DDL, role changes) is recorded; 0 turns it off. @default 30 s */
  databaseAuditIntervalMs?: number;
  /** Incident mails to affected organizations' admins; none sent without one (logged at warn). */
  mailer?: Mailer;
  /** Hours from an incident's detection by which its organizations' admins must be mailed. @default 24 */
  incidentNotificationHours?: number;
  /** How often the incident notification queue is polled. @default 10 s */
  incidentPollMs?: number;
  /** The first retry's delay of a failed incident mail, doubled at each failure. @default 30 s */
  incidentRetryBaseMs?: number;
  /** AES-256-GCM key sealing audit streams' secrets; a fixed, public one when absent (not in production). */
  streamKey?: Buffer;
  /** Production: refuses `allowLoopbackReceivers`. @default false */
  production?: boolean;
  /**
   * Tests only, never from configuration: admits audit stream receivers on loopback (plain http to
   * 127.0.0.1, loopback addresses at delivery). Every other internal address stays refused.
   * @default false
   */
  allowLoopbackReceivers?: boolean;
  /** How often audit streams are polled for events to deliver; 0 turns delivery off. @default 2 s */
  streamPollMs?: number;
  /** The first retry's delay of a failed stream delivery, doubled at each failure. @default 5 s */
  streamRetryBaseMs?: number;
  /** How recent an operator's factor must be to change an incident. @default 5 minutes */
  stepUpWindowMs?: number;
  /** The clock, injectable for tests. */
  now?: () => Date;
  /** Capabilities deliberately off (the sweep); logged at warn. */
  warnings?: string[];
}

export function createAuditModule(options: AuditOptions = {}): SubgraphModule<AuditLoaders> {
  const keys = checkpointKeysOf(options.signingKey ?? developmentSigningKey(), options.retiredKeys);
  // At wall-clock times, once across replicas: every AUDIT_SWEEP_INTERVAL_HOURS on the hour.
  const sweepCron = cronEveryHours((options.sweepIntervalMs ?? 6 * 3600_000) / 3600_000);
  const databaseAuditIntervalMs = options.databaseAuditIntervalMs ?? 30_000;
  const notificationMs = (options.incidentNotificationHours ?? 24) * 3600_000;
  const now = options.now ?? (() => new Date());
  const streamKey = options.streamKey ?? DEVELOPMENT_STREAM_KEY;
  const production = options.production ?? false;
  const allowLoopback = options.allowLoopbackReceivers ?? false;
  if (production && allowLoopback) throw new Error('allowLoopbackReceivers is for tests, never production');
  const streamPollMs = options.streamPollMs ?? 2000;
  const checkpointMinutes = options.checkpointIntervalMinutes ?? 10;
  // One queue per process: full verifications, the retention sweep and the checkpointer.
  const jobs = createAuditJobQueue();
  return {
    name: 'audit',
    typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
    resolvers: createAuditResolvers(
      keys,
      { notificationMs, now, stepUpWindowMs: options.stepUpWindowMs ?? DEFAULT_STEP_UP_WINDOW_MS },
      { key: streamKey, allowLoopback, now },
      { queue: jobs, now },
    ) as SubgraphModule<AuditLoaders>['resolvers'],
    permissions: auditPermissions,
    argumentRules: auditArgumentRules,
    entities: auditEntities,
    migrations: auditMigrations,
    createLoaders: () => ({}),
    warnings: options.warnings,
    subjectData: { declaration: auditSubjectData },
    routes: {
      [AUDIT_EXPORT_PATH]: createAuditLogExportRoute(keys),
      [CHAIN_HEAD_PATH]: chainHeadRoute,
      [RETENTION_ROUTES.audit]: auditRetentionRoute,
    },
    jobQueues: [AUDIT_SWEEP_TASK, CHAIN_VERIFICATION_JOB, CHAIN_CHECKPOINT_TASK],
    background: ({ orm, logger, internal, metrics, listenUrl, sealer }) => {
      const { mailer } = options;
      const chainDeps = { orm, keys, logger, metrics: createChainMetrics(metrics), now };
      // Every replica works full verifications; each schedule runs once across replicas.
      const startAuditJobs = () => {
        const schedules = [
          ...(sweepCron
            ? [
                {
                  name: AUDIT_SWEEP_TASK,
                  cron: sweepCron,
                  run: async () => {
                    const purged = await sweepAuditRetention(orm, keys);
                    if (purged) logger.info({ purged }, 'audit retention sweep purged events');
                  },
                },
              ]
            : []),
          ...(checkpointMinutes > 0
            ? [
                {
                  name: CHAIN_CHECKPOINT_TASK,
                  cron: `*/${checkpointMinutes} * * * *`,
                  run: async () => {
                    const signed = await checkpointDueChains(chainDeps, {
                      minEvents: options.checkpointMinEvents,
                    });
                    if (signed) logger.info({ signed }, 'audit chains checkpointed');
                  },
                },
              ]
            : []),
        ];
        const started = jobs.start({
          url: listenUrl,
          logger,
          metrics,
          handlers: { [CHAIN_VERIFICATION_JOB]: fullVerificationHandler(chainDeps) },
          schedules,
        });
        return {
          stop: async () => {
            // Stops a start still trying (it keeps trying until it has started), then waits for it.
            await jobs.stop();
            await started;
          },
        };
      };
      if (!internal || !mailer) logger.warn('incident notifications off: no mailer or no service key');
      const tasks = [
        ...(internal && mailer
          ? [
              startIncidentNotifier(
                // Alerted from a quarter of the window before the deadline (6 h of the default 24).
                {
                  orm,
                  internal,
                  mailer,
                  logger,
                  sealer,
                  now,
                  alertBeforeMs: notificationMs / 4,
                  retryBaseMs: options.incidentRetryBaseMs,
                  metrics: createIncidentMetrics(metrics),
                },
                options.incidentPollMs ?? 10_000,
              ),
            ]
          : []),
        startAuditJobs(),
        ...(streamPollMs > 0
          ? [
              startStreamDelivery(
                {
                  orm,
                  logger,
                  metrics: createStreamMetrics(metrics),
                  key: streamKey,
                  allowLoopback,
                  sealer,
                  now,
                  retryBaseMs: options.streamRetryBaseMs,
                },
                streamPollMs,
              ),
            ]
          : []),
        ...(databaseAuditIntervalMs > 0
          ? [startDatabaseAudit(orm, logger, databaseAuditIntervalMs, metrics)]
          : []),
      ];
      return { stop: async () => void (await Promise.all(tasks.map((task) => task.stop()))) };
    },
  };
}
