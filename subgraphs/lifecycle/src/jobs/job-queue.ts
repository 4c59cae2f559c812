import type { EntityManager } from '@mikro-orm/postgresql';
import { createJobQueue, type Job, type JobPayload, type JobQueue } from '../../../runtime/jobs/job-queue.ts';
import type { RetryPolicy } from '../../../runtime/jobs/retry-policy.ts';

export type { Job, JobPayload, JobQueue };

export const EXPORT_JOB = 'data-export';
export const DELETION_JOB = 'deletion';
export const CONTRACT_NOTICE_JOB = 'contract-notice';
export const RETENTION_SWEEP_TASK = 'retention-sweep';
export const BACKUP_TASK = 'database-backup';

/** Adds a job in the caller's transaction (see JobQueue.enqueue). */
export type Enqueue = (
  em: EntityManager,
  kind: string,
  payload: JobPayload,
  runAfter?: Date,
) => Promise<string>;

export interface LifecycleJobOptions {
  retry?: RetryPolicy;
  leaseSeconds?: number;
  keepFinishedHours?: number;
  pollSeconds?: number;
  /** Exports run at once per process (STEWARD_JOB_CONCURRENCY_EXPORT). */
  exportConcurrency?: number;
  /** Deletions (and contract notices) run at once per process, beside exports. */
  deletionConcurrency?: number;
}

/**
 * The lifecycle subgraph's queue: each kind has its own workers, so a long export never holds a
 * deletion back; the retention sweep is a scheduled task of the same queue.
 */
export function createLifecycleJobQueue(options: LifecycleJobOptions = {}) {
  return createJobQueue({
    subgraph: 'lifecycle',
    retry: options.retry,
    leaseSeconds: options.leaseSeconds,
    keepFinishedHours: options.keepFinishedHours,
    pollSeconds: options.pollSeconds,
    kinds: {
      [EXPORT_JOB]: { concurrency: options.exportConcurrency ?? 1 },
      [DELETION_JOB]: { concurrency: options.deletionConcurrency ?? 2 },
      [CONTRACT_NOTICE_JOB]: { concurrency: 2 },
    },
  });
}

/** Every queue `npm run migrate` installs for lifecycle: the kinds, their dead letters, the sweep, the backup. */
export const LIFECYCLE_JOB_QUEUES = [
  EXPORT_JOB,
  DELETION_JOB,
  CONTRACT_NOTICE_JOB,
  RETENTION_SWEEP_TASK,
  BACKUP_TASK,
];
