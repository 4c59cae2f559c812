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
  /** Hours between retention sweeps, on the hour, once across replicas (default 6; 0 turns the sweep off). */
  AUDIT_SWEEP_INTERVAL_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(168)
    .refine((h) => h === 0 || 24 % h === 0 || h % 24 === 0, 'must divide 24 or be a multiple of it')
    .default(6),
});
export type AuditEnv = z.infer<typeof AuditEnv>;

export function auditOptionsFromEnv(env: AuditEnv): AuditOptions {
  if (env.NODE_ENV === 'production' && !env.STEWARD_AUDIT_SIGNING_KEY) {
    throw new ConfigurationError('audit', [
      { variable: 'STEWARD_AUDIT_SIGNING_KEY', why: 'signs retention checkpoints; required in production' },
    ]);
  }
  return {
    warnings:
      env.AUDIT_SWEEP_INTERVAL_HOURS === 0 ? ['audit retention sweep off: AUDIT_SWEEP_INTERVAL_HOURS=0'] : [],
    signingKey: env.STEWARD_AUDIT_SIGNING_KEY ? privateKeyFromPem(env.STEWARD_AUDIT_SIGNING_KEY) : undefined,
    retiredKeys: env.STEWARD_AUDIT_RETIRED_KEYS.map(publicKeyFromPem),
    sweepIntervalMs: env.AUDIT_SWEEP_INTERVAL_HOURS * 3600_000,
  };
}
