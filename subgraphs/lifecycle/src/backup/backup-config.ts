import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Missing } from '../../../../platform/requirements.ts';

/** Development and tests only (production requires STEWARD_BACKUP_KEY): a fixed, public key. */
export const DEVELOPMENT_BACKUP_KEY = createHash('sha256').update('steward-development-backup-key').digest();

/** The backup variables, shared by the lifecycle subgraph (its schedule) and the backup scripts. */
export const BackupEnvShape = {
  /** 32 bytes, base64: the AES-256-GCM key of every backup. Required in production. */
  STEWARD_BACKUP_KEY: z
    .string()
    .optional()
    .refine((value) => value === undefined || Buffer.from(value, 'base64').length === 32, {
      message: 'must be 32 bytes in base64 (npm run keys makes one)',
    }),
  /** When the scheduled backup runs (cron, UTC, once across replicas); `off` for never. Default 03:00 daily, off under NODE_ENV=test. */
  BACKUP_CRON: z.string().min(1).optional(),
  /** Superuser (or BYPASSRLS owner) URL the scheduled backup reads every schema with; default DATABASE_URL when that is not a runtime role's. */
  STEWARD_BACKUP_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** How long backups are kept, then deleted; stated in every certificate. */
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(0).max(365).default(7),
};

export interface BackupSettings {
  key: Buffer;
  /** Where the scheduled backup reads from; null: no schedule (no URL that can read everything). */
  databaseUrl: string | null;
  /** Null: no scheduled backup in this deployment's lifecycle processes. */
  cron: string | null;
  retentionDays: number;
}

export function backupSettingsOf(
  env: {
    NODE_ENV: 'development' | 'test' | 'production';
    STEWARD_BACKUP_KEY?: string;
    BACKUP_CRON?: string;
    BACKUP_RETENTION_DAYS: number;
    STEWARD_BACKUP_DATABASE_URL?: string;
    DATABASE_URL?: string;
  },
  missing: Missing[],
): BackupSettings {
  if (env.NODE_ENV === 'production' && !env.STEWARD_BACKUP_KEY) {
    missing.push({ variable: 'STEWARD_BACKUP_KEY', why: 'encrypts the database backups' });
  }
  const cron = env.BACKUP_CRON ?? (env.NODE_ENV === 'test' ? 'off' : '0 3 * * *');
  // A runtime role's URL reads its own schema only (and through RLS): a backup needs more.
  const runtimeUrl = env.DATABASE_URL ? /^steward_\w+_app$/.test(new URL(env.DATABASE_URL).username) : false;
  const databaseUrl = env.STEWARD_BACKUP_DATABASE_URL ?? (runtimeUrl ? null : (env.DATABASE_URL ?? null));
  if (env.NODE_ENV === 'production' && cron !== 'off' && !databaseUrl) {
    missing.push({
      variable: 'STEWARD_BACKUP_DATABASE_URL',
      why: 'the scheduled backup reads every schema (or set BACKUP_CRON=off and run npm run backup elsewhere)',
    });
  }
  return {
    databaseUrl,
    key: env.STEWARD_BACKUP_KEY ? Buffer.from(env.STEWARD_BACKUP_KEY, 'base64') : DEVELOPMENT_BACKUP_KEY,
    cron: cron === 'off' ? null : cron,
    retentionDays: env.BACKUP_RETENTION_DAYS,
  };
}
