import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { NodeEnv, PublicKeysJson } from '../../../platform/config.ts';
import { privateKeyFromPem, publicKeyFromPem } from '../../../platform/internal-token.ts';
import { createMailer } from '../../runtime/mailer.ts';
import type { LifecycleModuleOptions } from './module.ts';
import { retentionSweepIntervalMs } from './retention/retention-config.ts';

/** ISO-8601 durations PostgreSQL reads as intervals: P7D, PT0S, P1Y2M, PT12H… */
export const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** The lifecycle subgraph's own variables (beyond the platform's SubgraphEnv), parsed once per process. */
export const LifecycleEnv = z.object({
  NODE_ENV: NodeEnv,
  /** Ed25519 private key (PKCS8 PEM) that signs certificates of destruction; required in production. */
  STEWARD_CERTIFICATE_SIGNING_KEY: z.string().includes('BEGIN PRIVATE KEY').optional(),
  /** JSON array of retired certificate keys' public keys (SPKI PEM): their certificates still verify. */
  STEWARD_CERTIFICATE_RETIRED_KEYS: PublicKeysJson,
  /** HMAC key of download links; required in production (every replica and restart must share it). */
  STEWARD_LIFECYCLE_SECRET: z.string().min(1).optional(),
  /** Where export archives are kept (the local blob store). */
  STEWARD_BLOB_DIR: z.string().min(1).optional(),
  /** Between a deletion request and its execution, while it can be cancelled (ISO-8601, may be PT0S). */
  STEWARD_DELETION_GRACE_PERIOD: z
    .string()
    .regex(ISO_DURATION, 'must be an ISO-8601 duration')
    .default('P7D'),
  /** How long backups keep data after it is deleted; stated in every certificate. */
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  /** A job whose worker died is taken up again after this long. */
  STEWARD_JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  /** Hours between retention sweeps; 0 turns the sweep off. Default 6, and off under NODE_ENV=test. */
  RETENTION_SWEEP_INTERVAL_HOURS: z.coerce.number().min(0).max(168).optional(),
  /** The contract notices to organizations' admins go out through SMTP when set, else to the mailbox folder. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  STEWARD_MAILBOX_DIR: z.string().default('.steward/mailbox'),
});
export type LifecycleEnv = z.infer<typeof LifecycleEnv>;

/** Production refuses to start without what would otherwise be made up per process. */
const REQUIRED_IN_PRODUCTION = ['STEWARD_CERTIFICATE_SIGNING_KEY', 'STEWARD_LIFECYCLE_SECRET'] as const;

export function lifecycleOptionsFromEnv(env: LifecycleEnv): LifecycleModuleOptions {
  if (env.NODE_ENV === 'production') {
    const missing = REQUIRED_IN_PRODUCTION.filter((name) => !env[name]);
    if (missing.length) {
      throw new Error(
        `Invalid configuration:\n${missing.map((name) => `  ${name}: must be set in production`).join('\n')}`,
      );
    }
  }
  return {
    certificateKey: env.STEWARD_CERTIFICATE_SIGNING_KEY
      ? privateKeyFromPem(env.STEWARD_CERTIFICATE_SIGNING_KEY)
      : undefined,
    retiredCertificateKeys: env.STEWARD_CERTIFICATE_RETIRED_KEYS.map(publicKeyFromPem),
    linkSecret: env.STEWARD_LIFECYCLE_SECRET,
    blobDir: env.STEWARD_BLOB_DIR ?? join(tmpdir(), 'steward-blobs'),
    deletionGracePeriod: env.STEWARD_DELETION_GRACE_PERIOD,
    backupRetentionDays: env.BACKUP_RETENTION_DAYS,
    jobLeaseSeconds: env.STEWARD_JOB_LEASE_SECONDS,
    retentionSweepIntervalMs: retentionSweepIntervalMs(env.RETENTION_SWEEP_INTERVAL_HOURS, env.NODE_ENV),
    mailer: createMailer({ smtpUrl: env.SMTP_URL, mailboxDir: env.STEWARD_MAILBOX_DIR }),
  };
}
