import { DEFAULT_STEP_UP_WINDOW_MS } from '../../../platform/step-up.ts';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTypeDefs, type SubgraphModule } from '../../runtime/subgraph-module.ts';
import type { ArgumentRules } from '../../runtime/argument-guard.ts';
import type { LifecycleLoaders } from './context.ts';
import { buildDataMap, readSupergraphSdl } from './data-map/data-map.ts';
import { createLifecycleResolvers } from './resolvers.ts';
import { lifecyclePermissions } from './permissions.ts';
import { DataExportSchema } from './export/data-export.entity.ts';
import { localBlobStore, type BlobStore } from './export/blob-store.ts';
import { createDownloadLinkSigner } from './export/download-link.ts';
import { DOWNLOAD_PATH } from '../../../contracts/data-export-download.ts';
import { downloadRoute } from './export/download-route.ts';
import { EXPORT_JOB, exportJobHandler, failExport } from './export/export-job.ts';
import type { Job } from './jobs/job-queue.ts';
import { moveLegacyJobs } from './jobs/legacy-jobs.ts';
import {
  createLifecycleJobQueue,
  LIFECYCLE_JOB_QUEUES,
  RETENTION_SWEEP_TASK,
  BACKUP_TASK,
  type LifecycleJobOptions,
} from './jobs/job-queue.ts';
import { createReceiptSigner } from './deletion/receipt.ts';
import {
  CONTRACT_NOTICE_JOB,
  contractNoticeJobHandler,
  mailDeletionFailed,
} from './deletion/contract-notice-job.ts';
import { createMailer, type Mailer } from '../../runtime/mailer.ts';
import { lifecycleSubjectData } from './subject-data.ts';
import { Migration20261121040000 } from './migrations/Migration20261121040000.ts';
import { Migration20261121050000 } from './migrations/Migration20261121050000.ts';
import { Migration20261121080000 } from './migrations/Migration20261121080000.ts';
import { Migration20261206090000 } from './migrations/Migration20261206090000.ts';
import { Migration20261206190100 } from './migrations/Migration20261206190100.ts';
import { Migration20261207020200 } from './migrations/Migration20261207020200.ts';
import { Migration20261208030000 } from './migrations/Migration20261208030000.ts';
import { Migration20261208050200 } from './migrations/Migration20261208050200.ts';
import { DEFAULT_REGIONS } from '../../../platform/regions.ts';
import { DeletionRequestSchema } from './deletion/deletion-request.entity.ts';
import { DELETION_JOB, deletionJobHandler, failDeletion } from './deletion/deletion-job.ts';
import { developmentCertificateKey, lifecycleDestroyOptions } from './deletion/deletion-options.ts';
import { signingKeysOf } from '../../../platform/signing-keys.ts';
import type { KeyObject } from 'node:crypto';
import type { InternalClient } from '../../../platform/internal-client.ts';
import { Migration20261121060000 } from './migrations/Migration20261121060000.ts';
import { RetentionRuleSchema } from './retention/retention-rule.entity.ts';
import { retentionSweepTask } from './retention/retention-sweep.ts';
import { DEVELOPMENT_BACKUP_KEY, type BackupSettings } from './backup/backup-config.ts';
import { scheduledBackupTask } from './backup/backup-task.ts';

export { buildDataMap, readSupergraphSdl, type DataMapType } from './data-map/data-map.ts';
export { localBlobStore, type BlobStore } from './export/blob-store.ts';
export { readTar } from './export/tar-writer.ts';
export type { ExportManifest } from './export/export-job.ts';
export { sweepRetention, type RetentionSweepResult } from './retention/retention-sweep.ts';

export const lifecycleEntities: SubgraphModule['entities'] = [
  DataExportSchema,
  DeletionRequestSchema,
  RetentionRuleSchema,
];
export const lifecycleMigrations: SubgraphModule['migrations'] = [
  Migration20261121040000,
  Migration20261121050000,
  Migration20261121060000,
  Migration20261121080000,
  Migration20261206090000,
  Migration20261206190100,
  Migration20261207020200,
  Migration20261208030000,
  Migration20261208050200,
];

/** Reasons and certificate documents are free text: they may span lines. */
export const lifecycleArgumentRules: ArgumentRules = {
  text: [
    'Mutation.requestDeletion(reason:)',
    'Mutation.setLegalHold(reason:)',
    'Query.verifyDestructionCertificate(document:)',
  ],
};

export interface LifecycleModuleOptions {
  /** The composed supergraph SDL; read from `supergraphPath` when not given. */
  supergraphSdl?: string;
  /** Defaults to the repository's schema/supergraph.graphql. */
  supergraphPath?: string | URL;
  /** Where archives are kept. @default a local blob store in `blobDir` */
  blobStore?: BlobStore;
  /** The local blob store's folder (STEWARD_BLOB_DIR). @default steward-blobs in the temp dir */
  blobDir?: string;
  /** Signs download links and deletion receipts (STEWARD_LIFECYCLE_SECRET, required in production). @default a per-process random one (they die on restart) */
  linkSecret?: string;
  /** Ed25519 private key that signs certificates of destruction. @default a per-process one (not in production) */
  certificateKey?: KeyObject;
  /** Public keys of retired certificate keys: their certificates still verify. */
  retiredCertificateKeys?: KeyObject[];
  /** ISO-8601 duration between a deletion request and its execution. @default P7D */
  deletionGracePeriod?: string;
  /** Stated in certificates: when backups holding deleted data expire. @default 7 */
  backupRetentionDays?: number;
  /** A job whose worker died is taken up again after this long (at least 10). @default 600 */
  jobLeaseSeconds?: number;
  /** Retries, pruning and concurrency of the job queue (README: Jobs). */
  jobs?: Omit<LifecycleJobOptions, 'leaseSeconds' | 'pollSeconds'>;
  /** Whether this process runs export and deletion jobs (another process may). @default true */
  jobWorker?: boolean;
  /** How long a download link stays valid. @default 900 */
  linkTtlSeconds?: number;
  /** How often an idle job worker looks for due jobs besides being notified. @default 2000 */
  jobPollMs?: number;
  /** Sends the contract notices to organizations' admins. @default the mailbox folder .steward/mailbox */
  mailer?: Mailer;
  /**
   * How recent the requester's sign-in or step-up must be to request an export or a deletion
   * (STEWARD_REAUTHENTICATION_MINUTES). @default 5 minutes
   */
  stepUpWindowMs?: number;
  /** The regions this deployment serves, its home region first (STEWARD_REGIONS). @default ['eu'] */
  regions?: readonly string[];
  /** When the retention sweep runs (cron, UTC; once across replicas); null turns it off. @default off */
  retentionSweepCron?: string | null;
  /** Scheduled backups (STEWARD_BACKUP_KEY, BACKUP_CRON, BACKUP_RETENTION_DAYS). @default none scheduled */
  backups?: BackupSettings;
  /** Capabilities deliberately off (the job worker, the sweep); logged at warn. */
  warnings?: string[];
}

export function createLifecycleModule(
  options: LifecycleModuleOptions = {},
): SubgraphModule<LifecycleLoaders> {
  const dataMap = buildDataMap(options.supergraphSdl ?? readSupergraphSdl(options.supergraphPath));
  const typeDefs = loadTypeDefs(new URL('../schema.graphql', import.meta.url));
  const blobDir = options.blobDir ?? join(tmpdir(), 'steward-blobs');
  const blobStore = options.blobStore ?? localBlobStore(blobDir);
  const certificateKeys = signingKeysOf(
    options.certificateKey ?? developmentCertificateKey(),
    options.retiredCertificateKeys,
    'certificate signing',
  );
  const homeRegion = options.regions?.[0] ?? DEFAULT_REGIONS[0]!;
  const sweepCron = options.retentionSweepCron ?? null;
  const jobs = createLifecycleJobQueue({
    ...options.jobs,
    leaseSeconds: options.jobLeaseSeconds,
    pollSeconds: options.jobPollMs === undefined ? undefined : Math.max(0.5, options.jobPollMs / 1000),
  });
  const linkSecret = options.linkSecret ?? randomBytes(32).toString('hex');
  const links = createDownloadLinkSigner(linkSecret, options.linkTtlSeconds ?? 900);
  // The download route asks tenancy for a link holder's current role: its client comes with the runtime.
  let tenancyClient: InternalClient | null = null;
  const mailer = options.mailer ?? createMailer({ mailboxDir: '.steward/mailbox' });
  return {
    name: 'lifecycle',
    typeDefs,
    resolvers: createLifecycleResolvers({
      dataMap,
      links,
      stepUpWindowMs: options.stepUpWindowMs ?? DEFAULT_STEP_UP_WINDOW_MS,
      deletion: {
        gracePeriod: options.deletionGracePeriod ?? 'P7D',
        verifying: certificateKeys.verifying,
        receipts: createReceiptSigner(linkSecret),
        stepUpWindowMs: options.stepUpWindowMs ?? DEFAULT_STEP_UP_WINDOW_MS,
        enqueue: jobs.enqueue,
      },
    }) as SubgraphModule<LifecycleLoaders>['resolvers'],
    permissions: lifecyclePermissions,
    argumentRules: lifecycleArgumentRules,
    entities: lifecycleEntities,
    migrations: lifecycleMigrations,
    jobQueues: LIFECYCLE_JOB_QUEUES,
    createLoaders: () => ({}),
    warnings: options.warnings,
    subjectData: { declaration: lifecycleSubjectData, destroy: lifecycleDestroyOptions(blobStore) },
    routes: { [DOWNLOAD_PATH]: downloadRoute(blobStore, links, () => tenancyClient) },
    background: ({ orm, logger, internal, listenUrl, metrics, subjectKeys }) => {
      tenancyClient = internal ?? null;
      // The queue is connected in every process (requests enqueue); jobs run where they can call out.
      const working = internal && options.jobWorker !== false ? internal : null;
      if (!internal) logger.warn('job worker and retention sweep off: no service key or subgraph URLs');
      const handlers = working
        ? {
            [EXPORT_JOB]: {
              run: exportJobHandler({
                orm,
                internal: working,
                blobStore,
                dataMap,
                homeRegion,
                workDir: join(blobDir, '.work'),
                logger,
              }),
              onDeadLetter: (job: Job) =>
                failExport(orm, job, new Error('The export failed after every retry')),
            },
            [DELETION_JOB]: {
              run: deletionJobHandler({
                orm,
                internal: working,
                keys: certificateKeys,
                subjectKeys,
                backupRetentionDays: options.backupRetentionDays ?? 7,
                // Key-store copies are purged under the key the backups use (development's without one).
                backupKey: options.backups?.key ?? DEVELOPMENT_BACKUP_KEY,
                homeRegion,
                logger,
                blobStore,
              }),
              onDeadLetter: async (job: Job) => {
                const failed = await failDeletion(
                  orm,
                  job,
                  new Error('The deletion failed after every retry'),
                );
                const organizationId = job.payload.organizationId;
                // A contract's end promised this deletion to the organization: its admins hear of it.
                if (failed?.origin === 'CONTRACT_END' && organizationId) {
                  await mailDeletionFailed(
                    { internal: working, mailer, logger },
                    { id: failed.id, organizationId },
                  );
                }
              },
            },
            [CONTRACT_NOTICE_JOB]: {
              run: contractNoticeJobHandler({ orm, internal: working, mailer, logger }),
            },
          }
        : undefined;
      const schedules =
        working && sweepCron
          ? [
              {
                name: RETENTION_SWEEP_TASK,
                cron: sweepCron,
                run: retentionSweepTask({ orm, internal: working, blobStore, logger }),
              },
            ]
          : [];
      const backups = options.backups;
      if (working && backups?.cron && backups.databaseUrl) {
        const { cron, databaseUrl, key, retentionDays } = backups;
        schedules.push({
          name: BACKUP_TASK,
          cron,
          run: scheduledBackupTask({ databaseUrl, blobStore, key, retentionDays, logger }),
        });
      }
      const started = jobs
        .start({ url: listenUrl, logger, metrics, handlers, schedules })
        // Stopped before it could start: nothing to move jobs onto.
        .then((running) => (running && working ? moveLegacyJobs(orm, jobs, logger) : 0))
        .catch((err: unknown) => {
          logger.error({ err }, 'jobs of the earlier queue not moved: they wait until the next start');
        });
      return {
        stop: async () => {
          // Stops a start still trying (it keeps trying until it has started), then waits for it.
          await jobs.stop();
          await started;
        },
      };
    },
  };
}
