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
    });
    expect(options.linkSecret).toBe('a-shared-secret-of-the-replicas-0123456789');
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
