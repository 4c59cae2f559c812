import { startNodeProcess, type NodeProcess } from './node-process.ts';
import type { TestStack } from './stack.ts';
import { testEnvironment } from './test-env.ts';

export interface LifecycleProcessOptions {
  /** The database whose job queue the process works through. */
  databaseUrl: string;
  /** STEWARD_BLOB_DIR, shared with the stack's lifecycle subgraph. */
  blobDir: string;
  /** STEWARD_JOB_LEASE_SECONDS: how soon another process takes up a job of a killed one. */
  jobLeaseSeconds: number;
  /** Subgraph URLs instead of the stack's (a proxy that takes one down). */
  subgraphUrls?: Partial<Record<string, string>>;
  /** More variables (mailbox, schedules). */
  env?: Record<string, string>;
}

/**
 * A lifecycle subgraph as its own OS process (`node subgraphs/lifecycle/src/main.ts`), configured
 * from the environment as in production: it runs the export and deletion jobs, calling the
 * stack's subgraphs with the lifecycle service key, and signs certificates with the test key.
 */
export function startLifecycleProcess(
  stack: TestStack,
  options: LifecycleProcessOptions,
): Promise<NodeProcess> {
  const env = testEnvironment();
  const urlOf = (name: string) => options.subgraphUrls?.[name] ?? stack.subgraphs[name]!.url;
  return startNodeProcess('subgraphs/lifecycle/src/main.ts', {
    DATABASE_URL: options.databaseUrl,
    STEWARD_DB_SECRET: env.dbSecret,
    STEWARD_INTERNAL_PUBLIC_KEY: env.publicKeyPem,
    STEWARD_SERVICE_PRIVATE_KEY: env.services.lifecycle!.privateKeyPem,
    STEWARD_SERVICE_PUBLIC_KEYS: JSON.stringify(
      Object.fromEntries(Object.entries(env.services).map(([name, pair]) => [name, pair.publicKeyPem])),
    ),
    STEWARD_CERTIFICATE_SIGNING_KEY: env.certificateSigning.privateKeyPem,
    STEWARD_JOB_LEASE_SECONDS: String(options.jobLeaseSeconds),
    STEWARD_BLOB_DIR: options.blobDir,
    IDENTITY_URL: urlOf('identity'),
    TENANCY_URL: urlOf('tenancy'),
    AUDIT_URL: urlOf('audit'),
    LIFECYCLE_URL: urlOf('lifecycle'),
    ...options.env,
  });
}

/** Kills the process as a crash would (no shutdown hook runs) and waits until it is gone. */
export async function killProcess(running: NodeProcess): Promise<void> {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  await running.exited;
}
