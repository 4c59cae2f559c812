import type { KeyObject } from 'node:crypto';
import { actorOf, recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import { badInput, ErrorCode, notFound, stewardError } from '../../../../platform/errors.ts';
import type { Subject } from '../../../protocols/subject-data/subject-data.ts';
import type { LifecycleContext } from '../context.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { enqueueJob } from '../jobs/job-queue.ts';
import { subjectOfInput } from '../export/data-export.resolvers.ts';
import { isAdminOf, mayActOnSubject, organizationsOfUser } from '../subject-access.ts';
import { verifyCertificate } from './certificate.ts';
import { DELETION_JOB, deletionJobPayload } from './deletion-job.ts';
import { DELETION_COLUMNS, deletionRequestOf, type DeletionRequest } from './deletion-request.entity.ts';
import { isId } from '../../../../platform/ids.ts';

/** An organization's deletion runs at most this long after its contract ends. */
export const CONTRACT_DELETION_DELAY = '30 days';

export interface DeletionResolverOptions {
  /** ISO-8601 duration between a request and its deletion (STEWARD_DELETION_GRACE_PERIOD). */
  gracePeriod: string;
  /** Public keys that verify certificates, by key id. */
  verifying: ReadonlyMap<string, KeyObject>;
}

async function findDeletion(
  ctx: LifecycleContext,
  id: string,
  lock = false,
): Promise<DeletionRequest | null> {
  const [row] = await ctx.em.execute<DeletionRequest[]>(
    `select ${DELETION_COLUMNS} from lifecycle.deletion_requests where id = ?${lock ? ' for update' : ''}`,
    [id],
  );
  return row ? deletionRequestOf(row) : null;
}

const subjectOfRow = (row: DeletionRequest): Subject =>
  row.organizationId !== null ? { organizationId: row.organizationId } : { userId: row.userId! };

const targetOf = (subject: Subject) =>
  subject.organizationId !== undefined
    ? { type: 'Organization', id: subject.organizationId }
    : { type: 'User', id: subject.userId };

/** Schedules the deletion's job for when it is due; the job re-checks everything when it runs. */
const scheduleJob = (ctx: LifecycleContext, row: DeletionRequest) =>
  enqueueJob(ctx.em, DELETION_JOB, deletionJobPayload(row.id, subjectOfRow(row)), row.scheduledFor);

async function isHeld(ctx: LifecycleContext, organizationIds: string[]): Promise<boolean> {
  if (!organizationIds.length) return false;
  await ctx.tx.extendScope({ tenantIds: organizationIds });
  const rows = await ctx.em.execute(
    `select 1 from lifecycle.legal_holds where organization_id = any(?::uuid[])`,
    [`{${organizationIds.join(',')}}`],
  );
  return rows.length > 0;
}

/** The organizations a held user's data may be evidence in: those the user belongs to. */
async function organizationsOf(ctx: LifecycleContext, subject: Subject): Promise<string[]> {
  if (subject.organizationId !== undefined) return [subject.organizationId];
  return organizationsOfUser(ctx.internal, subject.userId, ctx.origin);
}

export function deletionResolvers(options: DeletionResolverOptions): Resolvers {
  return {
    Query: {
      deletionRequest: async (_parent, { id }, ctx) => {
        if (!isId(id)) return null;
        const row = await findDeletion(ctx, id.toLowerCase());
        if (!row || ctx.principal.kind !== 'user') return null;
        const principal = ctx.principal;
        const mayRead =
          row.requestedBy === principal.userId ||
          row.userId === principal.userId ||
          (row.organizationId !== null && isAdminOf(principal, row.organizationId));
        return mayRead ? row : null;
      },
      deletionRequests: async (_parent, _args, ctx) => {
        if (ctx.principal.kind !== 'user') return [];
        const principal = ctx.principal;
        const administered = principal.memberships
          .map((membership) => membership.organizationId)
          .filter((organizationId) => isAdminOf(principal, organizationId));
        // The same reach as deletionRequest(id); row-level security holds it to the same.
        const rows = await ctx.em.execute<DeletionRequest[]>(
          `select ${DELETION_COLUMNS} from lifecycle.deletion_requests
            where requested_by = ? or user_id = ? or organization_id = any(?::uuid[])
            order by requested_at desc, id desc limit 100`,
          [principal.userId, principal.userId, `{${administered.join(',')}}`],
        );
        return rows.map(deletionRequestOf);
      },
      verifyDestructionCertificate: (_parent, { document, signature }) =>
        verifyCertificate(options.verifying, document, signature),
    },
    Mutation: {
      requestDeletion: async (_parent, { subject: input, reason }, ctx) => {
        const subject = subjectOfInput(input);
        const why = reason.trim();
        if (why.length < 1 || why.length > 1000)
          throw badInput('Give a reason of 1 to 1000 characters', 'reason');
        // NOT_FOUND, not FORBIDDEN: a refusal must not confirm that the subject exists.
        if (ctx.principal.kind !== 'user' || !(await mayActOnSubject(ctx, subject)))
          throw notFound('Subject');
        const requestedBy = ctx.principal.userId;
        await ctx.tx.extendScope(
          subject.organizationId !== undefined ? { tenantIds: [subject.organizationId] } : {},
        );
        if (await isHeld(ctx, await organizationsOf(ctx, subject))) {
          throw stewardError(ErrorCode.CONFLICT, 'Under a legal hold: nothing of it may be deleted', {
            reason: 'LEGAL_HOLD',
          });
        }
        const id = crypto.randomUUID();
        const inserted = await ctx.em.execute<{ id: string }[]>(
          `insert into lifecycle.deletion_requests
             (id, organization_id, user_id, requested_by, origin, reason, scheduled_for)
           values (?, ?, ?, ?, 'REQUEST', ?, now() + ?::interval)
           on conflict do nothing returning id`,
          [id, subject.organizationId ?? null, subject.userId ?? null, requestedBy, why, options.gracePeriod],
        );
        if (!inserted.length) {
          throw stewardError(ErrorCode.CONFLICT, 'A deletion of this subject is already scheduled', {
            reason: 'DELETION_PENDING',
          });
        }
        const row = (await findDeletion(ctx, id))!;
        await scheduleJob(ctx, row);
        await recordAuditEvent(ctx.em, 'lifecycle', {
          action: 'lifecycle.deletion.requested',
          outcome: 'SUCCESS',
          organizationId: subject.organizationId ?? null,
          actor: actorOf(ctx.principal, ctx.origin),
          target: targetOf(subject),
          metadata: { deletionId: id, scheduledFor: row.scheduledFor.toISOString() },
        });
        return row;
      },
      cancelDeletion: async (_parent, { id }, ctx) => {
        if (!isId(id)) throw notFound('Deletion');
        const row = await findDeletion(ctx, id.toLowerCase(), true);
        if (!row || !(await mayActOnSubject(ctx, subjectOfRow(row)))) throw notFound('Deletion');
        if (row.origin === 'CONTRACT_END') {
          throw stewardError(
            ErrorCode.CONFLICT,
            "A contract's end deletes the organization: extend the contract instead",
          );
        }
        if (row.status !== 'PENDING' && row.status !== 'ON_HOLD') {
          throw stewardError(
            ErrorCode.CONFLICT,
            `The deletion is ${row.status.toLowerCase()}: too late to cancel`,
          );
        }
        await ctx.em.execute(`update lifecycle.deletion_requests set status = 'CANCELLED' where id = ?`, [
          row.id,
        ]);
        await recordAuditEvent(ctx.em, 'lifecycle', {
          action: 'lifecycle.deletion.cancelled',
          outcome: 'SUCCESS',
          organizationId: row.organizationId,
          actor: actorOf(ctx.principal, ctx.origin),
          target: { type: 'DeletionRequest', id: row.id },
        });
        return { ...row, status: 'CANCELLED' as const };
      },
      setLegalHold: async (_parent, { organizationId, hold, reason }, ctx) => {
        if (!isId(organizationId) || ctx.principal.kind !== 'user') throw notFound('Organization');
        const id = organizationId.toLowerCase();
        if (!isAdminOf(ctx.principal, id)) throw notFound('Organization');
        const why = reason?.trim() || null;
        if (why && why.length > 1000) throw badInput('The reason is at most 1000 characters', 'reason');
        const running = await ctx.em.execute(
          `select 1 from lifecycle.deletion_requests where organization_id = ? and status = 'RUNNING'`,
          [id],
        );
        if (running.length) throw stewardError(ErrorCode.CONFLICT, "The organization's deletion is running");
        if (hold) {
          await ctx.em.execute(
            `insert into lifecycle.legal_holds (organization_id, reason, placed_by) values (?, ?, ?)
             on conflict (organization_id) do update set reason = excluded.reason`,
            [id, why, ctx.principal.userId],
          );
          await ctx.em.execute(
            `update lifecycle.deletion_requests set status = 'ON_HOLD' where organization_id = ? and status = 'PENDING'`,
            [id],
          );
        } else {
          await ctx.em.execute(`delete from lifecycle.legal_holds where organization_id = ?`, [id]);
          const resumed = await ctx.em.execute<DeletionRequest[]>(
            `update lifecycle.deletion_requests set status = 'PENDING', scheduled_for = greatest(scheduled_for, now())
             where organization_id = ? and status = 'ON_HOLD' returning ${DELETION_COLUMNS}`,
            [id],
          );
          for (const row of resumed) await scheduleJob(ctx, deletionRequestOf(row));
        }
        await recordAuditEvent(ctx.em, 'lifecycle', {
          action: hold ? 'lifecycle.legal_hold.placed' : 'lifecycle.legal_hold.lifted',
          outcome: 'SUCCESS',
          organizationId: id,
          actor: actorOf(ctx.principal, ctx.origin),
          target: { type: 'Organization', id },
          metadata: { reason: why },
        });
        return { id };
      },
      scheduleContractDeletion: async (_parent, { organizationId, contractEndsAt, endedBy }, ctx) => {
        if (!isId(organizationId)) throw badInput('Not an organization id', 'organizationId');
        if (endedBy != null && !isId(endedBy)) throw badInput('Not a user id', 'endedBy');
        const id = organizationId.toLowerCase();
        // Who set the end may read the deletion and its certificate once the organization is gone.
        const setBy = endedBy?.toLowerCase() ?? null;
        await ctx.tx.extendScope({ tenantIds: [id] });
        const endsAt = new Date(contractEndsAt);
        // Moved with the contract while it has not started; created when there is none.
        const [moved] = await ctx.em.execute<DeletionRequest[]>(
          `update lifecycle.deletion_requests set scheduled_for = ?::timestamptz + interval '${CONTRACT_DELETION_DELAY}',
             requested_by = coalesce(?::uuid, requested_by)
           where organization_id = ? and origin = 'CONTRACT_END' and status in ('PENDING','ON_HOLD')
           returning ${DELETION_COLUMNS}`,
          [endsAt, setBy, id],
        );
        let row = moved ? deletionRequestOf(moved) : null;
        if (!row) {
          const deletionId = crypto.randomUUID();
          const inserted = await ctx.em.execute<{ id: string }[]>(
            `insert into lifecycle.deletion_requests (id, organization_id, requested_by, origin, reason, scheduled_for, status)
             values (?, ?, ?, 'CONTRACT_END', 'The contract ended', ?::timestamptz + interval '${CONTRACT_DELETION_DELAY}',
               case when exists (select 1 from lifecycle.legal_holds where organization_id = ?) then 'ON_HOLD' else 'PENDING' end)
             on conflict do nothing returning id`,
            [deletionId, id, setBy, endsAt, id],
          );
          // A deletion someone requested is already live: it runs on its own schedule.
          if (!inserted.length) return false;
          row = (await findDeletion(ctx, deletionId))!;
        }
        await scheduleJob(ctx, row);
        await recordAuditEvent(ctx.em, 'lifecycle', {
          action: 'lifecycle.deletion.scheduled',
          outcome: 'SUCCESS',
          organizationId: id,
          actor: { type: 'SYSTEM', id: 'lifecycle', ip: null, userAgent: null, deviceType: null },
          target: { type: 'DeletionRequest', id: row.id },
          metadata: { origin: 'CONTRACT_END', scheduledFor: row.scheduledFor.toISOString() },
        });
        return true;
      },
    },
    DeletionRequest: {
      certificate: (row) =>
        row.certificateDocument
          ? {
              id: row.certificateId!,
              issuedAt: row.certificateIssuedAt!,
              document: row.certificateDocument,
              signature: row.certificateSignature!,
              keyId: row.certificateKeyId!,
            }
          : null,
    },
    Organization: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      legalHold: async (organization, _args, ctx) => {
        if (ctx.principal.kind !== 'user' || !isAdminOf(ctx.principal, organization.id)) return null;
        const [hold] = await ctx.em.execute<{ reason: string | null; since: string }[]>(
          `select reason, placed_at as since from lifecycle.legal_holds where organization_id = ?`,
          [organization.id],
        );
        return hold ? { reason: hold.reason, since: new Date(hold.since) } : null;
      },
    },
  };
}
