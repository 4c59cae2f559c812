import { z } from 'zod';
import { Pem, ProcessEnv, PublicKeysJson } from '../../../platform/config.ts';
import { privateKeyFromPem, publicKeyFromPem } from '../../../platform/internal-token.ts';
import { ConfigurationError } from '../../../platform/requirements.ts';
import type { AuditOptions } from './module.ts';

/** The audit subgraph's own variables (beyond the platform's SubgraphEnv). */
export const AuditEnv = ProcessEnv.pick({ NODE_ENV: true }).extend({
  /** Ed25519 private key (PKCS8 PEM) that signs retention checkpoints; required in production. */
  STEWARD_AUDIT_SIGNING_KEY: Pem('BEGIN PRIVATE KEY').optional(),
  /** JSON array of retired signing keys' public keys (SPKI PEM), whose checkpoints still verify. */
  STEWARD_AUDIT_RETIRED_KEYS: PublicKeysJson,
  /** Hours between retention sweeps (default 6; 0 turns the sweep off). */
  AUDIT_SWEEP_INTERVAL_HOURS: z.coerce.number().min(0).max(168).default(6),
  /** Seconds between recordings of database administration into the system chain (default 30; 0 off). */
  DATABASE_AUDIT_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
});
export type AuditEnv = z.infer<typeof AuditEnv>;

export function auditOptionsFromEnv(env: AuditEnv): AuditOptions {
  if (env.NODE_ENV === 'production' && !env.STEWARD_AUDIT_SIGNING_KEY) {
    throw new ConfigurationError('audit', [
      { variable: 'STEWARD_AUDIT_SIGNING_KEY', why: 'signs retention checkpoints; required in production' },
    ]);
  }
  return {
    warnings: [
      ...(env.AUDIT_SWEEP_INTERVAL_HOURS === 0
        ? ['audit retention sweep off: AUDIT_SWEEP_INTERVAL_HOURS=0']
        : []),
      ...(env.DATABASE_AUDIT_INTERVAL_SECONDS === 0
        ? ['database administration audit off: DATABASE_AUDIT_INTERVAL_SECONDS=0']
        : []),
    ],
    databaseAuditIntervalMs: env.DATABASE_AUDIT_INTERVAL_SECONDS * 1000,
    signingKey: env.STEWARD_AUDIT_SIGNING_KEY ? privateKeyFromPem(env.STEWARD_AUDIT_SIGNING_KEY) : undefined,
    retiredKeys: env.STEWARD_AUDIT_RETIRED_KEYS.map(publicKeyFromPem),
    sweepIntervalMs: env.AUDIT_SWEEP_INTERVAL_HOURS * 3600_000,
  };
}
