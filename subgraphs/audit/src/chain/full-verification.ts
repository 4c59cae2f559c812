import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { runInScope } from '../../../runtime/orm.ts';
import { createJobQueue, type Job, type JobHandler } from '../../../runtime/jobs/job-queue.ts';
import { checkpointChain, type CheckpointDeps } from './chain-checkpointer.ts';
import type { ChainBreakReason } from './chain-walk.ts';

/** The full verification's job kind, on the audit subgraph's queue. */
export const CHAIN_VERIFICATION_JOB = 'chain-verification';
/** The scheduled checkpointer, on the same queue. */
export const CHAIN_CHECKPOINT_TASK = 'chain-checkpoint';

/** The audit subgraph's queue: full verifications (one at a time per process), and its schedules. */
export const createAuditJobQueue = () =>
  createJobQueue({ subgraph: 'audit', kinds: { [CHAIN_VERIFICATION_JOB]: { concurrency: 1 } } });

export type AuditJobQueue = ReturnType<typeof createAuditJobQueue>;

export interface ChainVerificationRun {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  requestedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  valid: boolean | null;
  events: number | null;
  brokenAt: number | null;
  breakReason: ChainBreakReason | null;
  headSequence: number | null;
  headHash: string | null;
}

interface RunRow {
  id: string;
  status: ChainVerificationRun['status'];
  requested_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  valid: boolean | null;
  events: string | null;
  broken_at: string | null;
  break_reason: ChainBreakReason | null;
  head_sequence: string | null;
  head_hash: string | null;
}

const numberOf = (value: string | null) => (value === null ? null : Number(value));

const runOf = (row: RunRow): ChainVerificationRun => ({
  id: row.id,
  status: row.status,
  requestedAt: new Date(row.requested_at),
  startedAt: row.started_at && new Date(row.started_at),
  completedAt: row.completed_at && new Date(row.completed_at),
  valid: row.valid,
  events: numberOf(row.events),
  brokenAt: numberOf(row.broken_at),
  breakReason: row.break_reason,
  headSequence: numberOf(row.head_sequence),
  headHash: row.head_hash,
});

const RETURNING = `returning id, status, requested_at, started_at, completed_at, valid, events, broken_at,
  break_reason, head_sequence, head_hash`;

/**
 * Records a full verification as QUEUED and enqueues its job, both in the request's transaction;
 * while one of the organization's is queued or running, answers that one instead. The queue is
 * shared by every tenant: one admin asking again and again must not fill it (anyone can create an
 * organization). Serialised per organization, so concurrent requests queue one between them.
 */
export async function requestFullVerification(
  em: EntityManager,
  queue: Pick<AuditJobQueue, 'enqueue'>,
  organizationId: string,
  now: Date,
): Promise<ChainVerificationRun> {
  await em.execute(`select pg_advisory_xact_lock(hashtext('audit-verification:' || ?::text))`, [
    organizationId,
  ]);
  const [pending] = await em.execute<RunRow[]>(
    `select id, status, requested_at, started_at, completed_at, valid, events, broken_at, break_reason,
            head_sequence, head_hash from audit.chain_verifications
      where organization_id = ? and status in ('QUEUED', 'RUNNING') order by requested_at desc, id limit 1`,
    [organizationId],
  );
  if (pending) return runOf(pending);
  const id = randomUUID();
  const [row] = await em.execute<RunRow[]>(
    `insert into audit.chain_verifications (organization_id, id, status, requested_at)
       values (?, ?, 'QUEUED', ?::timestamptz) ${RETURNING}`,
    [organizationId, id, now.toISOString()],
  );
  await queue.enqueue(em, CHAIN_VERIFICATION_JOB, { organizationId, verificationId: id });
  return runOf(row!);
}

/** The organization's full verifications, newest first. */
export async function listFullVerifications(
  em: EntityManager,
  organizationId: string,
  first: number,
): Promise<ChainVerificationRun[]> {
  const rows = await em.execute<RunRow[]>(
    `select id, status, requested_at, started_at, completed_at, valid, events, broken_at, break_reason,
            head_sequence, head_hash from audit.chain_verifications
      where organization_id = ? order by requested_at desc, id limit ?`,
    [organizationId, first],
  );
  return rows.map(runOf);
}

const setRun = (orm: MikroORM, organizationId: string, id: string, sql: string, params: unknown[]) =>
  runInScope(orm, { tenantIds: [organizationId], userId: null }, ({ em }) =>
    em.execute(`update audit.chain_verifications set ${sql} where organization_id = ? and id = ?`, [
      ...params,
      organizationId,
      id,
    ]),
  );

/**
 * Runs a full verification: every kept event re-hashed from the purge checkpoint (or sequence 1),
 * the result recorded on its row; a valid chain gets a verified checkpoint at the head it reached.
 * Idempotent: a retry (a worker killed halfway) verifies again and overwrites the result.
 */
export function fullVerificationHandler(deps: CheckpointDeps): JobHandler {
  const now = deps.now ?? (() => new Date());
  const idsOf = (job: Job) => {
    const { organizationId, verificationId } = job.payload;
    if (!organizationId || !verificationId) throw new Error(`Job ${job.id} names no verification`);
    return { organizationId, verificationId };
  };
  return {
    async run(job) {
      const { organizationId, verificationId } = idsOf(job);
      await setRun(
        deps.orm,
        organizationId,
        verificationId,
        `status = 'RUNNING', started_at = ?::timestamptz`,
        [now().toISOString()],
      );
      const result = await checkpointChain(deps, organizationId, 'FULL');
      await setRun(
        deps.orm,
        organizationId,
        verificationId,
        `status = 'COMPLETED', completed_at = ?::timestamptz, valid = ?, events = ?, broken_at = ?,
         break_reason = ?, head_sequence = ?, head_hash = ?`,
        [
          now().toISOString(),
          result.valid,
          result.events,
          result.brokenAt,
          result.breakReason,
          result.headSequence,
          result.headHash,
        ],
      );
    },
    async onDeadLetter(job) {
      const { organizationId, verificationId } = idsOf(job);
      await setRun(
        deps.orm,
        organizationId,
        verificationId,
        `status = 'FAILED', completed_at = ?::timestamptz, error = 'The verification failed after every retry'`,
        [now().toISOString()],
      );
    },
  };
}
