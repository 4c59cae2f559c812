import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../platform/config.ts';
import { LifecycleEnv, lifecycleOptionsFromEnv } from '../subgraphs/lifecycle/src/config.ts';
import { testEnvironment } from './support/test-env.ts';

const optionsOf = (env: Record<string, string>) => lifecycleOptionsFromEnv(loadConfig(LifecycleEnv, env));

describe('lifecycle configuration', () => {
  const signingKey = testEnvironment().certificateSigning.privateKeyPem;

  it('in production, a missing STEWARD_LIFECYCLE_SECRET stops the process, naming it', () => {
    expect(() => optionsOf({ NODE_ENV: 'production', STEWARD_CERTIFICATE_SIGNING_KEY: signingKey })).toThrow(
      /cannot start without[^]*STEWARD_LIFECYCLE_SECRET/,
    );
  });

  it('in production, the secret signs the links of every process alike', () => {
    const options = optionsOf({
      NODE_ENV: 'production',
      STEWARD_CERTIFICATE_SIGNING_KEY: signingKey,
      STEWARD_LIFECYCLE_SECRET: 'a-shared-secret-of-the-replicas-0123456789',
      STEWARD_BLOB_DIR: '/var/lib/steward/blobs',
      STEWARD_MAIL_TRANSPORT: 'mailbox',
      STEWARD_BACKUP_KEY: Buffer.alloc(32, 1).toString('base64'),
      BACKUP_CRON: 'off',
    });
    expect(options.linkSecret).toBe('a-shared-secret-of-the-replicas-0123456789');
  });

  describe('backups', () => {
    const production = {
      NODE_ENV: 'production',
      STEWARD_CERTIFICATE_SIGNING_KEY: signingKey,
      STEWARD_LIFECYCLE_SECRET: 'a-shared-secret-of-the-replicas-0123456789',
      STEWARD_BLOB_DIR: '/var/lib/steward/blobs',
      STEWARD_MAIL_TRANSPORT: 'mailbox',
      STEWARD_BACKUP_KEY: Buffer.alloc(32, 1).toString('base64'),
    };
    const runtimeUrl = 'postgres://steward_lifecycle_app:x@db:5432/steward';

    it('in production, a missing STEWARD_BACKUP_KEY stops the process, naming it', () => {
      const { STEWARD_BACKUP_KEY: _key, ...withoutKey } = production;
      expect(() => optionsOf({ ...withoutKey, BACKUP_CRON: 'off' })).toThrow(
        /cannot start without[^]*STEWARD_BACKUP_KEY/,
      );
    });

    it('refuses a key that is not 32 bytes', () => {
      expect(() => optionsOf({ NODE_ENV: 'test', STEWARD_BACKUP_KEY: 'c2hvcnQ=' })).toThrow(
        /STEWARD_BACKUP_KEY/,
      );
    });

    it('schedules backups only with a URL that reads every schema; in production its absence is named', () => {
      expect(() => optionsOf({ ...production, DATABASE_URL: runtimeUrl })).toThrow(
        /cannot start without[^]*STEWARD_BACKUP_DATABASE_URL/,
      );
      const scheduled = optionsOf({
        ...production,
        DATABASE_URL: runtimeUrl,
        STEWARD_BACKUP_DATABASE_URL: 'postgres://postgres:x@db:5432/steward',
      }).backups;
      expect(scheduled).toMatchObject({
        cron: '0 3 * * *',
        databaseUrl: 'postgres://postgres:x@db:5432/steward',
        retentionDays: 7,
      });
      expect(scheduled?.key).toEqual(Buffer.alloc(32, 1));
      expect(optionsOf({ NODE_ENV: 'test' }).backups?.cron).toBeNull();
      expect(
        optionsOf({ NODE_ENV: 'development', DATABASE_URL: runtimeUrl }).backups?.databaseUrl,
      ).toBeNull();
    });
  });

  it('one parse gives every variable: blob folder and retention sweep included', () => {
    const options = optionsOf({
      NODE_ENV: 'test',
      STEWARD_BLOB_DIR: '/tmp/blobs',
      RETENTION_SWEEP_INTERVAL_HOURS: '2',
    });
    expect(options.blobDir).toBe('/tmp/blobs');
    expect(options.retentionSweepCron).toBe('0 */2 * * *');
    expect(optionsOf({ NODE_ENV: 'test' }).retentionSweepCron).toBeNull();
    expect(optionsOf({ NODE_ENV: 'development' }).retentionSweepCron).toBe('0 */6 * * *');
    expect(optionsOf({ NODE_ENV: 'test', RETENTION_SWEEP_CRON: '*/5 * * * * *' }).retentionSweepCron).toBe(
      '*/5 * * * * *',
    );
    expect(optionsOf({ NODE_ENV: 'test', RETENTION_SWEEP_INTERVAL_HOURS: '48' }).retentionSweepCron).toBe(
      '0 0 */2 * *',
    );
  });
});
