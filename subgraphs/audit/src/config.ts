import { z } from 'zod';
import { Pem, PublicKeysJson } from '../../../platform/config.ts';
import { privateKeyFromPem, publicKeyFromPem } from '../../../platform/internal-token.ts';
import { assertNothingMissing } from '../../../platform/requirements.ts';
import { MailEnv, mailerFromEnv } from '../../runtime/mailer.ts';
import type { AuditOptions } from './module.ts';

/** The audit subgraph's own variables (beyond the platform's SubgraphEnv); mail: incident notices. */
export const AuditEnv = MailEnv.extend({
  /** Ed25519 private key (PKCS8 PEM) that signs retention checkpoints; required in production. */
  STEWARD_AUDIT_SIGNING_KEY: Pem('BEGIN PRIVATE KEY').optional(),
  /** JSON array of retired signing keys' public keys (SPKI PEM), whose checkpoints still verify. */
  STEWARD_AUDIT_RETIRED_KEYS: PublicKeysJson,
  /** Hours between retention sweeps, on the hour, once across replicas (default 6; 0 turns the sweep off). */
  AUDIT_SWEEP_INTERVAL_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(168)
    .refine((h) => h === 0 || 24 % h === 0 || h % 24 === 0, 'must divide 24 or be a multiple of it')
    .default(6),
  /** Seconds between recordings of database administration into the system chain (default 30; 0 off). */
  DATABASE_AUDIT_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Hours from an incident's detection by which the affected organizations' admins are mailed (default 24). */
  /** 32 bytes, base64: seals audit streams' signing secrets at rest. Required in production. */
  AUDIT_STREAM_KEY: z
    .string()
    .optional()
    .refine((value) => value === undefined || Buffer.from(value, 'base64').length === 32, {
      message: 'must be 32 bytes in base64 (npm run keys makes one)',
    }),
  /** Seconds between polls of the audit streams for events to deliver (default 2; 0 turns delivery off). */
  AUDIT_STREAM_POLL_SECONDS: z.coerce.number().min(0).max(3600).default(2),
  INCIDENT_NOTIFICATION_HOURS: z.coerce.number().positive().max(720).default(24),
  /** Minutes within which an operator's factor must have been given to change an incident (default 5). */
  STEWARD_REAUTHENTICATION_MINUTES: z.coerce.number().positive().max(60).default(5),
});
export type AuditEnv = z.infer<typeof AuditEnv>;

export function auditOptionsFromEnv(env: AuditEnv): AuditOptions {
  const mail = mailerFromEnv(env);
  assertNothingMissing('audit', [
    ...(env.NODE_ENV === 'production' && !env.STEWARD_AUDIT_SIGNING_KEY
      ? [
          {
            variable: 'STEWARD_AUDIT_SIGNING_KEY',
            why: 'signs retention checkpoints; required in production',
          },
        ]
      : []),
    ...(env.NODE_ENV === 'production' && !env.AUDIT_STREAM_KEY
      ? [
          {
            variable: 'AUDIT_STREAM_KEY',
            why: "seals audit streams' signing secrets; required in production",
          },
        ]
      : []),
    ...mail.missing,
  ]);
  return {
    warnings: [
      ...(env.AUDIT_SWEEP_INTERVAL_HOURS === 0
        ? ['audit retention sweep off: AUDIT_SWEEP_INTERVAL_HOURS=0']
        : []),
      ...(mail.warning ? [mail.warning] : []),
      ...(env.AUDIT_STREAM_POLL_SECONDS === 0
        ? ['audit stream delivery off: AUDIT_STREAM_POLL_SECONDS=0']
        : []),
      ...(env.DATABASE_AUDIT_INTERVAL_SECONDS === 0
        ? ['database administration audit off: DATABASE_AUDIT_INTERVAL_SECONDS=0']
        : []),
    ],
    databaseAuditIntervalMs: env.DATABASE_AUDIT_INTERVAL_SECONDS * 1000,
    mailer: mail.mailer,
    incidentNotificationHours: env.INCIDENT_NOTIFICATION_HOURS,
    stepUpWindowMs: env.STEWARD_REAUTHENTICATION_MINUTES * 60_000,
    signingKey: env.STEWARD_AUDIT_SIGNING_KEY ? privateKeyFromPem(env.STEWARD_AUDIT_SIGNING_KEY) : undefined,
    retiredKeys: env.STEWARD_AUDIT_RETIRED_KEYS.map(publicKeyFromPem),
    sweepIntervalMs: env.AUDIT_SWEEP_INTERVAL_HOURS * 3600_000,
    streamKey: env.AUDIT_STREAM_KEY ? Buffer.from(env.AUDIT_STREAM_KEY, 'base64') : undefined,
    production: env.NODE_ENV === 'production',
    streamPollMs: env.AUDIT_STREAM_POLL_SECONDS * 1000,
  };
}
