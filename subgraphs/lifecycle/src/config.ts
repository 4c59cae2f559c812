import { z } from 'zod';
import { ProcessEnv, PublicKeysJson } from '../../../platform/config.ts';
import { privateKeyFromPem, publicKeyFromPem } from '../../../platform/internal-token.ts';
import type { LifecycleModuleOptions } from './module.ts';

/** ISO-8601 durations PostgreSQL reads as intervals: P7D, PT0S, P1Y2M, PT12H… */
export const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** The lifecycle subgraph's own variables (beyond the platform's SubgraphEnv). */
export const LifecycleEnv = ProcessEnv.pick({ NODE_ENV: true }).extend({
  /** Ed25519 private key (PKCS8 PEM) that signs certificates of destruction; required in production. */
  STEWARD_CERTIFICATE_SIGNING_KEY: z.string().includes('BEGIN PRIVATE KEY').optional(),
  /** JSON array of retired certificate keys' public keys (SPKI PEM): their certificates still verify. */
  STEWARD_CERTIFICATE_RETIRED_KEYS: PublicKeysJson,
  /** Between a deletion request and its execution, while it can be cancelled (ISO-8601, may be PT0S). */
  STEWARD_DELETION_GRACE_PERIOD: z
    .string()
    .regex(ISO_DURATION, 'must be an ISO-8601 duration')
    .default('P7D'),
  /** How long backups keep data after it is deleted; stated in every certificate. */
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  /** A job whose worker died is taken up again after this long. */
  STEWARD_JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
});
export type LifecycleEnv = z.infer<typeof LifecycleEnv>;

export function lifecycleOptionsFromEnv(env: LifecycleEnv): LifecycleModuleOptions {
  if (env.NODE_ENV === 'production' && !env.STEWARD_CERTIFICATE_SIGNING_KEY) {
    throw new Error('Invalid configuration:\n  STEWARD_CERTIFICATE_SIGNING_KEY: must be set in production');
  }
  return {
    certificateKey: env.STEWARD_CERTIFICATE_SIGNING_KEY
      ? privateKeyFromPem(env.STEWARD_CERTIFICATE_SIGNING_KEY)
      : undefined,
    retiredCertificateKeys: env.STEWARD_CERTIFICATE_RETIRED_KEYS.map(publicKeyFromPem),
    deletionGracePeriod: env.STEWARD_DELETION_GRACE_PERIOD,
    backupRetentionDays: env.BACKUP_RETENTION_DAYS,
    jobLeaseSeconds: env.STEWARD_JOB_LEASE_SECONDS,
  };
}
