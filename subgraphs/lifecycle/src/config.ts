import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { Pem, PublicKeysJson } from '../../../platform/config.ts';
import { StewardRegions } from '../../../platform/regions.ts';
import { privateKeyFromPem, publicKeyFromPem } from '../../../platform/internal-token.ts';
import { ConfigurationError, type Missing } from '../../../platform/requirements.ts';
import { MailEnv, mailerFromEnv } from '../../runtime/mailer.ts';
import type { LifecycleModuleOptions } from './module.ts';
import { retentionSweepCron } from './retention/retention-config.ts';
import { BackupEnvShape, backupSettingsOf } from './backup/backup-config.ts';

/** ISO-8601 durations PostgreSQL reads as intervals: P7D, PT0S, P1Y2M, PT12H… */
export const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** The lifecycle subgraph's own variables (beyond the platform's SubgraphEnv), parsed once per process. */
// Mail: the contract notices to an organization's admins (SMTP, or the mailbox folder).
export const LifecycleEnv = MailEnv.extend({
  /** Ed25519 private key (PKCS8 PEM) that signs certificates of destruction; required in production. */
  STEWARD_CERTIFICATE_SIGNING_KEY: Pem('BEGIN PRIVATE KEY').optional(),
  /** JSON array of retired certificate keys' public keys (SPKI PEM): their certificates still verify. */
  STEWARD_CERTIFICATE_RETIRED_KEYS: PublicKeysJson,
  /** HMAC key of export download links; required in production (links must outlive a restart and work on every replica). */
  STEWARD_LIFECYCLE_SECRET: z.string().min(32).optional(),
  /** Where export archives are kept; required in production (a temp folder does not survive a restart). */
  STEWARD_BLOB_DIR: z.string().min(1).optional(),
  /** Between a deletion request and its execution, while it can be cancelled (ISO-8601, may be PT0S). */
  STEWARD_DELETION_GRACE_PERIOD: z
    .string()
    .regex(ISO_DURATION, 'must be an ISO-8601 duration')
    .default('P7D'),
  ...BackupEnvShape,
  /** A job whose worker died is taken up again after this long (pg-boss's heartbeat: at least 10). */
  STEWARD_JOB_LEASE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  /** A failed job's first retry waits this long; each next one about twice as long. */
  STEWARD_JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** The longest wait between two tries of a job. */
  STEWARD_JOB_RETRY_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  /** A job is retried at least this long before it is a dead letter (a deletion must outlast a day). */
  STEWARD_JOB_RETRY_HOURS: z.coerce.number().min(0.001).max(720).default(25),
  /** Finished jobs and dead letters are pruned after this long. */
  STEWARD_JOB_KEEP_FINISHED_HOURS: z.coerce.number().min(1).max(8760).default(168),
  /** Exports one lifecycle process runs at once. */
  STEWARD_JOB_CONCURRENCY_EXPORT: z.coerce.number().int().min(1).max(64).default(1),
  /** Deletions one lifecycle process runs at once (beside its exports). */
  STEWARD_JOB_CONCURRENCY_DELETION: z.coerce.number().int().min(1).max(64).default(2),
  /** Hours between retention sweeps, on the hour (a divisor or multiple of 24); 0 turns the sweep off. Default 6, and off under NODE_ENV=test. */
  RETENTION_SWEEP_INTERVAL_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(168)
    .refine((h) => h === 0 || 24 % h === 0 || h % 24 === 0, 'must divide 24 or be a multiple of it')
    .optional(),
  /** When the retention sweep runs, as a cron in UTC (five fields, or six with seconds first); `off` for never. Overrides RETENTION_SWEEP_INTERVAL_HOURS. */
  RETENTION_SWEEP_CRON: z.string().min(1).optional(),
  /** `off`: this process runs no export or deletion jobs (another lifecycle process must). */
  STEWARD_JOB_WORKER: z.enum(['on', 'off']).default('on'),
  /** Minutes a sign-in or step-up counts as recent, for export and deletion requests (default 5). */
  STEWARD_REAUTHENTICATION_MINUTES: z.coerce.number().positive().max(60).default(5),
  /** The regions served, the home region first: stated in exports and certificates. */
  STEWARD_REGIONS: StewardRegions,
});
export type LifecycleEnv = z.infer<typeof LifecycleEnv>;

export function lifecycleOptionsFromEnv(env: LifecycleEnv): LifecycleModuleOptions {
  const missing: Missing[] = [];
  if (env.NODE_ENV === 'production') {
    if (!env.STEWARD_CERTIFICATE_SIGNING_KEY) {
      missing.push({ variable: 'STEWARD_CERTIFICATE_SIGNING_KEY', why: 'signs certificates of destruction' });
    }
    if (!env.STEWARD_LIFECYCLE_SECRET) {
      missing.push({ variable: 'STEWARD_LIFECYCLE_SECRET', why: 'signs export download links' });
    }
    if (!env.STEWARD_BLOB_DIR) {
      missing.push({ variable: 'STEWARD_BLOB_DIR', why: 'where export archives are kept' });
    }
  }
  const mail = mailerFromEnv(env);
  missing.push(...mail.missing);
  const backups = backupSettingsOf(env, missing);
  if (missing.length) throw new ConfigurationError('lifecycle', missing);
  const sweepCron = retentionSweepCron(
    env.RETENTION_SWEEP_CRON,
    env.RETENTION_SWEEP_INTERVAL_HOURS,
    env.NODE_ENV,
  );
  const warnings = [
    ...(env.STEWARD_JOB_WORKER === 'off'
      ? ['job worker off (STEWARD_JOB_WORKER=off): exports and deletions wait for another lifecycle process']
      : []),
    ...(sweepCron === null
      ? ['retention sweep off: RETENTION_SWEEP_INTERVAL_HOURS=0 or RETENTION_SWEEP_CRON=off (or a test run)']
      : []),
    ...(mail.warning ? [mail.warning] : []),
    ...(backups.cron === null ? ['scheduled backups off: BACKUP_CRON=off (or a test run)'] : []),
  ];
  return {
    warnings,
    jobWorker: env.STEWARD_JOB_WORKER === 'on',
    certificateKey: env.STEWARD_CERTIFICATE_SIGNING_KEY
      ? privateKeyFromPem(env.STEWARD_CERTIFICATE_SIGNING_KEY)
      : undefined,
    retiredCertificateKeys: env.STEWARD_CERTIFICATE_RETIRED_KEYS.map(publicKeyFromPem),
    linkSecret: env.STEWARD_LIFECYCLE_SECRET,
    blobDir: env.STEWARD_BLOB_DIR ?? join(tmpdir(), 'steward-blobs'),
    deletionGracePeriod: env.STEWARD_DELETION_GRACE_PERIOD,
    backupRetentionDays: env.BACKUP_RETENTION_DAYS,
    backups,
    jobLeaseSeconds: env.STEWARD_JOB_LEASE_SECONDS,
    stepUpWindowMs: env.STEWARD_REAUTHENTICATION_MINUTES * 60_000,
    retentionSweepCron: sweepCron,
    jobs: {
      retry: {
        delaySeconds: env.STEWARD_JOB_RETRY_DELAY_SECONDS,
        maxDelaySeconds: env.STEWARD_JOB_RETRY_MAX_DELAY_SECONDS,
        hours: env.STEWARD_JOB_RETRY_HOURS,
      },
      keepFinishedHours: env.STEWARD_JOB_KEEP_FINISHED_HOURS,
      exportConcurrency: env.STEWARD_JOB_CONCURRENCY_EXPORT,
      deletionConcurrency: env.STEWARD_JOB_CONCURRENCY_DELETION,
    },
    mailer: mail.mailer,
    regions: env.STEWARD_REGIONS,
  };
}
