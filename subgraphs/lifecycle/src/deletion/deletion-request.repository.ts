import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, stewardError } from '../../../../platform/errors.ts';
import type { Subject } from '../../../protocols/subject-data/subject-data.ts';
import type { Enqueue } from '../jobs/job-queue.ts';
import {
  CONTRACT_NOTICE_JOB,
  contractNoticePayload,
  contractNoticesOf,
  DELETION_JOB,
  deletionJobPayload,
} from './deletion-job-payload.ts';
import { DeletionRequest } from './deletion-request.entity.ts';
import { anyHeld } from './legal-hold.repository.ts';

/**
 * The deletion state machine, in one place:
 *
 *   PENDING ──(due)──▶ RUNNING ──▶ COMPLETED (with its certificate)
 *     │  ▲                └──────▶ FAILED (the job gave up)
 *     │  └── hold lifted ─ ON_HOLD ◀── hold placed (or found when due)
 *     └──▶ CANCELLED (a request, before it runs; never a contract's end)
 *
 * One live deletion (PENDING, ON_HOLD, RUNNING) per subject, kept by a unique index.
 */

/** An organization's deletion runs this long after its contract ends. */
export const CONTRACT_DELETION_DELAY = '30 days';

/**
 * When a contract's deletion is due (`?` the end date): 30 days after the end, counted from when
 * the end is recorded if it is given in the past. The customer keeps its 30 days to export
 * whatever date is given; an end already passed never deletes at once.
 */
const contractDeletionDue = `greatest(?::timestamptz, now()) + interval '${CONTRACT_DELETION_DELAY}'`;

/** Whose data a deletion is about: an organization, a person, or the organization's data about a member. */
export function subjectOfDeletion(row: DeletionRequest): Subject {
  if (row.organizationId != null && row.userId != null)
    return { organizationId: row.organizationId, userId: row.userId };
  return row.organizationId != null ? { organizationId: row.organizationId } : { userId: row.userId! };
}

/** Schedules the deletion's job for when it is due; the job re-checks everything when it runs. */
const scheduleJob = (em: EntityManager, enqueue: Enqueue, row: DeletionRequest) =>
  enqueue(em, DELETION_JOB, deletionJobPayload(row.id, subjectOfDeletion(row)), row.scheduledFor);

/** A deletion by id as the scope sees it; `lock` holds its row until the transaction ends. */
export const findDeletion = (em: EntityManager, id: string, lock = false): Promise<DeletionRequest | null> =>
  em.findOne(
    DeletionRequest,
    { id },
    { refresh: true, ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) },
  );

/** Those a user requested, is the subject of, or whose organization they administer: newest first. */
export const readableDeletions = (em: EntityManager, userId: string, administered: readonly string[]) =>
  em.find(
    DeletionRequest,
    {
      $or: [{ requestedBy: userId }, { userId }, { organizationId: { $in: [...administered] } }],
    },
    { orderBy: { requestedAt: 'desc', id: 'desc' }, limit: 100, refresh: true },
  );

/**
 * Records a requested deletion, due after the grace period, and schedules its job. CONFLICT when
 * the subject (or, for a user, one of `organizationIds`) is under a legal hold, or when a deletion
 * of the subject is already live.
 */
export async function requestDeletion(
  em: EntityManager,
  request: {
    subject: Subject;
    requestedBy: string;
    reason: string;
    gracePeriod: string;
    /** The organizations whose legal holds stop it. */
    organizationIds: readonly string[];
  },
  enqueue: Enqueue,
): Promise<DeletionRequest> {
  if (await anyHeld(em, request.organizationIds)) {
    throw stewardError(ErrorCode.CONFLICT, 'Under a legal hold: nothing of it may be deleted', {
      reason: 'LEGAL_HOLD',
    });
  }
  const id = crypto.randomUUID();
  const { subject } = request;
  const inserted = await em.execute<{ id: string }[]>(
    `insert into lifecycle.deletion_requests
       (id, organization_id, user_id, requested_by, origin, reason, scheduled_for)
     values (?, ?, ?, ?, 'REQUEST', ?, now() + ?::interval)
     on conflict do nothing returning id`,
    [
      id,
      subject.organizationId ?? null,
      subject.userId ?? null,
      request.requestedBy,
      request.reason,
      request.gracePeriod,
    ],
  );
  if (!inserted.length) {
    throw stewardError(ErrorCode.CONFLICT, 'A deletion of this subject is already scheduled', {
      reason: 'DELETION_PENDING',
    });
  }
  const row = (await findDeletion(em, id))!;
  await scheduleJob(em, enqueue, row);
  return row;
}

/** Cancels a requested deletion that has not started (CONFLICT otherwise); `row` is locked. */
export async function cancelDeletion(em: EntityManager, row: DeletionRequest): Promise<DeletionRequest> {
  if (row.origin === 'CONTRACT_END') {
    throw stewardError(
      ErrorCode.CONFLICT,
      "A contract's end deletes the organization: extend the contract instead",
    );
  }
  if (row.status !== 'PENDING' && row.status !== 'ON_HOLD') {
    throw stewardError(ErrorCode.CONFLICT, `The deletion is ${row.status.toLowerCase()}: too late to cancel`);
  }
  await em.nativeUpdate(DeletionRequest, { id: row.id }, { status: 'CANCELLED' });
  return (await findDeletion(em, row.id))!;
}

/**
 * Runs a deletion whose job gave up again, now (CONFLICT unless FAILED, or when another deletion of
 * the subject is live); `row` is locked.
 */
export async function retryDeletion(
  em: EntityManager,
  row: DeletionRequest,
  enqueue: Enqueue,
): Promise<DeletionRequest> {
  if (row.status !== 'FAILED') {
    throw stewardError(
      ErrorCode.CONFLICT,
      `The deletion is ${row.status.toLowerCase()}: only a failed one is retried`,
    );
  }
  const live = await em.count(DeletionRequest, {
    organizationId: row.organizationId ?? null,
    userId: row.userId ?? null,
    status: { $in: ['PENDING', 'ON_HOLD', 'RUNNING'] },
  });
  if (live > 0) {
    throw stewardError(ErrorCode.CONFLICT, 'Another deletion of this subject is live', {
      reason: 'DELETION_PENDING',
    });
  }
  await em.execute(
    `update lifecycle.deletion_requests set status = 'RUNNING', error = null, scheduled_for = least(scheduled_for, now())
     where id = ? and status = 'FAILED'`,
    [row.id],
  );
  const retried = (await findDeletion(em, row.id))!;
  await enqueue(em, DELETION_JOB, deletionJobPayload(retried.id, subjectOfDeletion(retried)));
  return retried;
}

/** Whether the organization's deletion is running (a hold can no longer stop it). */
export async function isDeletionRunning(em: EntityManager, organizationId: string): Promise<boolean> {
  return (await em.count(DeletionRequest, { organizationId, status: 'RUNNING' })) > 0;
}

/** A legal hold was placed: the organization's pending deletions wait. */
export const holdDeletions = (em: EntityManager, organizationId: string) =>
  em.nativeUpdate(DeletionRequest, { organizationId, status: 'PENDING' }, { status: 'ON_HOLD' });

/** The hold was lifted: held deletions are pending again (due now at the earliest), each with its job. */
export async function resumeDeletions(
  em: EntityManager,
  organizationId: string,
  enqueue: Enqueue,
): Promise<void> {
  const resumed = await em.execute<{ id: string }[]>(
    `update lifecycle.deletion_requests set status = 'PENDING', scheduled_for = greatest(scheduled_for, now())
     where organization_id = ? and status = 'ON_HOLD' returning id`,
    [organizationId],
  );
  for (const { id } of resumed) await scheduleJob(em, enqueue, (await findDeletion(em, id))!);
}

/**
 * The organization's contract ends at `endsAt`: its deletion follows CONTRACT_DELETION_DELAY later
 * (after now, for an end in the past).
 * Moves the pending one of a contract's end, or creates it (ON_HOLD under a legal hold). Null when
 * a requested deletion of the organization is already live (it runs on its own schedule).
 */
export async function scheduleContractDeletion(
  em: EntityManager,
  contract: { organizationId: string; endsAt: Date; endedBy: string | null },
  enqueue: Enqueue,
): Promise<DeletionRequest | null> {
  const { organizationId, endsAt, endedBy } = contract;
  const [moved] = await em.execute<{ id: string }[]>(
    `update lifecycle.deletion_requests set scheduled_for = ${contractDeletionDue},
       requested_by = coalesce(?::uuid, requested_by)
     where organization_id = ? and origin = 'CONTRACT_END' and status in ('PENDING','ON_HOLD')
     returning id`,
    [endsAt, endedBy, organizationId],
  );
  let id = moved?.id;
  if (!id) {
    id = crypto.randomUUID();
    const inserted = await em.execute<{ id: string }[]>(
      `insert into lifecycle.deletion_requests (id, organization_id, requested_by, origin, reason, scheduled_for, status)
       values (?, ?, ?, 'CONTRACT_END', 'The contract ended', ${contractDeletionDue},
         case when exists (select 1 from lifecycle.legal_holds where organization_id = ?) then 'ON_HOLD' else 'PENDING' end)
       on conflict do nothing returning id`,
      [id, organizationId, endedBy, endsAt, organizationId],
    );
    if (!inserted.length) return null;
  }
  const row = (await findDeletion(em, id))!;
  await scheduleJob(em, enqueue, row);
  // The admins hear of it when the contract ends and again before the deletion: durable jobs of
  // the queue, each checking when due that the deletion still stands as scheduled.
  for (const { notice, runAfter } of contractNoticesOf(endsAt, row.scheduledFor)) {
    await enqueue(
      em,
      CONTRACT_NOTICE_JOB,
      contractNoticePayload(row.id, organizationId, notice, row.scheduledFor),
      runAfter,
    );
  }
  return row;
}

// ── The job's transitions ─────────────────────────────────────────────────────────────────────

/**
 * Takes a due deletion up: RUNNING (again, after a crash). Null when there is nothing to run: it
 * is finished, cancelled or held, or was moved later (a job of its own runs it then); ON_HOLD when
 * its organization is under a legal hold.
 */
export async function startDeletion(em: EntityManager, id: string): Promise<DeletionRequest | null> {
  const row = await findDeletion(em, id, true);
  if (!row) throw new Error(`Deletion ${id} not found`);
  if (row.status !== 'PENDING' && row.status !== 'RUNNING') return null;
  if (row.status === 'PENDING' && row.scheduledFor.getTime() > Date.now() + 1000) return null;
  if (row.organizationId != null && (await anyHeld(em, [row.organizationId]))) {
    await em.nativeUpdate(DeletionRequest, { id }, { status: 'ON_HOLD' });
    return null;
  }
  await em.nativeUpdate(
    DeletionRequest,
    { id },
    { status: 'RUNNING', startedAt: row.startedAt ?? new Date() },
  );
  return (await findDeletion(em, id))!;
}

export const fixOrganizations = (em: EntityManager, id: string, organizationIds: string[]) =>
  em.nativeUpdate(DeletionRequest, { id }, { organizationIds });

export const fixRegions = (em: EntityManager, id: string, regions: string[]) =>
  em.nativeUpdate(DeletionRequest, { id }, { regions });

export const setDeletionProgress = (em: EntityManager, id: string, progress: number) =>
  em.nativeUpdate(DeletionRequest, { id }, { progress });

/** Stores the certificate with the completion, both or neither. */
export const completeDeletion = (
  em: EntityManager,
  id: string,
  certificate: { id: string; issuedAt: Date; document: string; signature: string; keyId: string },
) =>
  em.nativeUpdate(
    DeletionRequest,
    { id, status: 'RUNNING' },
    {
      status: 'COMPLETED',
      progress: 1,
      completedAt: certificate.issuedAt,
      certificateId: certificate.id,
      certificateIssuedAt: certificate.issuedAt,
      certificateDocument: certificate.document,
      certificateSignature: certificate.signature,
      certificateKeyId: certificate.keyId,
      error: null,
    },
  );

/** The job gave up on a deletion that was due (running, or failing before it could start). */
export async function failDeletionRow(em: EntityManager, id: string, message: string): Promise<boolean> {
  const failed = await em.execute<{ id: string }[]>(
    `update lifecycle.deletion_requests set status = 'FAILED', error = ?
     where id = ? and (status = 'RUNNING' or (status = 'PENDING' and scheduled_for <= now())) returning id`,
    [message.slice(0, 2000), id],
  );
  return failed.length > 0;
}
