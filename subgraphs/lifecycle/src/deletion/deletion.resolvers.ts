import type { KeyObject } from 'node:crypto';
import { requireRecentFactor } from '../../../../platform/step-up.ts';
import { actorOf, recordAuditEvent } from '../../../protocols/audit-outbox/audit-outbox.ts';
import { badInput, ErrorCode, notFound, stewardError } from '../../../../platform/errors.ts';
import type { LifecycleContext } from '../context.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { idOf, reasonOfInput, subjectOfInput, targetOfSubject } from '../subject-input.ts';
import {
  assertLeavesAnAdmin,
  assertSignInPolicy,
  isAdminOf,
  mayActOnSubject,
  mayReadDeletion,
  organizationsOfSubject,
} from '../subject-access.ts';
import type { DeletionRequest } from './deletion-request.entity.ts';
import { readByReceipt, type ReceiptSigner } from './receipt.ts';
import { verifyCertificate } from './certificate.ts';
import {
  cancelDeletion,
  findDeletion,
  holdDeletions,
  isDeletionRunning,
  readableDeletions,
  requestDeletion,
  resumeDeletions,
  retryDeletion,
  scheduleContractDeletion,
  subjectOfDeletion,
} from './deletion-request.repository.ts';
import { holdOf, liftHold, placeHold } from './legal-hold.repository.ts';
import type { Enqueue } from '../jobs/job-queue.ts';

export interface DeletionResolverOptions {
  /** ISO-8601 duration between a request and its deletion (STEWARD_DELETION_GRACE_PERIOD). */
  gracePeriod: string;
  /** Public keys that verify certificates, by key id. */
  verifying: ReadonlyMap<string, KeyObject>;
  /** Signs and checks the receipts of a person's own deletion. */
  receipts: ReceiptSigner;
  /** How recent a requester's factor must be for a deletion (step-up). */
  stepUpWindowMs: number;
  /** Adds a deletion's job in the request's transaction. */
  enqueue: Enqueue;
}

/** A person's own deletion of their account carries a receipt, shown to them (or read with it) only. */
function receiptOf(
  receipts: ReceiptSigner,
  row: DeletionRequest,
  principal: LifecycleContext['principal'],
): string | null {
  if (row.organizationId != null || !row.userId) return null;
  const theirs = (principal.kind === 'user' && principal.userId === row.userId) || readByReceipt.has(row);
  return theirs ? receipts.sign({ deletionId: row.id, userId: row.userId }) : null;
}

const SYSTEM_ACTOR = {
  type: 'SYSTEM',
  id: 'lifecycle',
  ip: null,
  userAgent: null,
  deviceType: null,
} as const;

export function deletionResolvers(options: DeletionResolverOptions): Resolvers {
  return {
    Query: {
      deletionRequest: async (_parent, { id }, ctx) => {
        const deletionId = idOf(id);
        if (!deletionId || ctx.principal.kind !== 'user') return null;
        const row = await findDeletion(ctx.em, deletionId);
        if (!row || !mayReadDeletion(ctx.principal, row)) return null;
        if (row.organizationId != null && isAdminOf(ctx.principal, row.organizationId))
          assertSignInPolicy(ctx.principal, row.organizationId);
        return row;
      },
      deletionReceipt: async (_parent, { receipt }, ctx) => {
        const holder = options.receipts.verify(receipt.trim());
        if (!holder) return null;
        // The person may be gone: the receipt stands for them.
        await ctx.tx.extendScope({ userId: holder.userId });
        const row = await findDeletion(ctx.em, holder.deletionId);
        if (!row || row.userId !== holder.userId || row.organizationId != null) return null;
        readByReceipt.add(row);
        return row;
      },
      deletionRequests: async (_parent, _args, ctx) => {
        if (ctx.principal.kind !== 'user') return [];
        const principal = ctx.principal;
        const administered = principal.memberships
          .map((membership) => membership.organizationId)
          .filter((organizationId) => isAdminOf(principal, organizationId));
        // The same reach as deletionRequest(id); row-level security holds it to the same.
        const rows = await readableDeletions(ctx.em, principal.userId, administered);
        return rows.filter((row) => mayReadDeletion(principal, row));
      },
      verifyDestructionCertificate: (_parent, { document, signature }) =>
        verifyCertificate(options.verifying, document, signature),
    },
    Mutation: {
      requestDeletion: async (_parent, { subject: input, reason }, ctx) => {
        const subject = subjectOfInput(input);
        const why = reasonOfInput(reason);
        // NOT_FOUND, not FORBIDDEN: a refusal must not confirm that the subject exists.
        if (ctx.principal.kind !== 'user' || !(await mayActOnSubject(ctx, subject)))
          throw notFound('Subject');
        // Deleting is for good: the requester proves a factor recently.
        requireRecentFactor(ctx.principal, new Date(), options.stepUpWindowMs);
        await assertLeavesAnAdmin(ctx, subject);
        await ctx.tx.extendScope(
          subject.organizationId !== undefined ? { tenantIds: [subject.organizationId] } : {},
        );
        // A held user's data may be evidence in any organization they belong to.
        const organizationIds = await organizationsOfSubject(ctx, subject);
        await ctx.tx.extendScope({ tenantIds: organizationIds });
        const row = await requestDeletion(
          ctx.em,
          {
            subject,
            requestedBy: ctx.principal.userId,
            reason: why,
            gracePeriod: options.gracePeriod,
            organizationIds,
          },
          options.enqueue,
        );
        await recordAuditEvent(ctx.em, 'lifecycle', {
          action: 'lifecycle.deletion.requested',
          outcome: 'SUCCESS',
          organizationId: subject.organizationId ?? null,
          actor: actorOf(ctx.principal, ctx.origin),
          target: targetOfSubject(subject),
          metadata: { deletionId: row.id, scheduledFor: row.scheduledFor.toISOString() },
        });
        return row;
      },
      cancelDeletion: async (_parent, { id }, ctx) => {
        const deletionId = idOf(id);
        const row = deletionId ? await findDeletion(ctx.em, deletionId, true) : null;
        if (!row || !(await mayActOnSubject(ctx, subjectOfDeletion(row)))) throw notFound('Deletion');
        const cancelled = await cancelDeletion(ctx.em, row);
        await recordAuditEvent(ctx.em, 'lifecycle', {
          action: 'lifecycle.deletion.cancelled',
          outcome: 'SUCCESS',
          organizationId: row.organizationId ?? null,
          actor: actorOf(ctx.principal, ctx.origin),
          target: { type: 'DeletionRequest', id: row.id },
        });
        return cancelled;
      },
      retryDeletion: async (_parent, { id }, ctx) => {
        const deletionId = idOf(id);
        const row = deletionId ? await findDeletion(ctx.em, deletionId, true) : null;
        if (!row || !(await mayActOnSubject(ctx, subjectOfDeletion(row)))) throw notFound('Deletion');
        const retried = await retryDeletion(ctx.em, row, options.enqueue);
        await recordAuditEvent(ctx.em, 'lifecycle', {
          action: 'lifecycle.deletion.retried',
          outcome: 'SUCCESS',
          organizationId: row.organizationId ?? null,
          actor: actorOf(ctx.principal, ctx.origin),
          target: { type: 'DeletionRequest', id: row.id },
          metadata: { error: row.error ?? null },
        });
        return retried;
      },
      setLegalHold: async (_parent, { organizationId, hold, reason }, ctx) => {
        const id = idOf(organizationId);
        if (!id || ctx.principal.kind !== 'user' || !isAdminOf(ctx.principal, id))
          throw notFound('Organization');
        const why = reason?.trim() || null;
        if (why && why.length > 1000) throw badInput('The reason is at most 1000 characters', 'reason');
        if (await isDeletionRunning(ctx.em, id))
          throw stewardError(ErrorCode.CONFLICT, "The organization's deletion is running");
        if (hold) {
          await placeHold(ctx.em, id, why, ctx.principal.userId);
          await holdDeletions(ctx.em, id);
        } else {
          await liftHold(ctx.em, id);
          await resumeDeletions(ctx.em, id, options.enqueue);
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
        const id = idOf(organizationId);
        if (!id) throw badInput('Not an organization id', 'organizationId');
        // Who set the end may read the deletion and its certificate once the organization is gone.
        const setBy = endedBy == null ? null : idOf(endedBy);
        if (endedBy != null && !setBy) throw badInput('Not a user id', 'endedBy');
        await ctx.tx.extendScope({ tenantIds: [id] });
        const row = await scheduleContractDeletion(
          ctx.em,
          {
            organizationId: id,
            endsAt: new Date(contractEndsAt),
            endedBy: setBy,
          },
          options.enqueue,
        );
        // The notice of the contract's end (its webhooks' CONTRACT_ENDED), with the deletion it scheduled.
        await recordAuditEvent(ctx.em, 'lifecycle', {
          action: 'lifecycle.contract.ended',
          outcome: 'SUCCESS',
          organizationId: id,
          actor: SYSTEM_ACTOR,
          target: { type: 'Organization', id },
          metadata: {
            contractEndsAt: new Date(contractEndsAt).toISOString(),
            deletionId: row?.id ?? null,
            deletionScheduledFor: row?.scheduledFor.toISOString() ?? null,
          },
        });
        // A deletion someone requested is already live: it runs on its own schedule.
        if (!row) return false;
        await recordAuditEvent(ctx.em, 'lifecycle', {
          action: 'lifecycle.deletion.scheduled',
          outcome: 'SUCCESS',
          organizationId: id,
          actor: SYSTEM_ACTOR,
          target: { type: 'DeletionRequest', id: row.id },
          metadata: { origin: 'CONTRACT_END', scheduledFor: row.scheduledFor.toISOString() },
        });
        return true;
      },
    },
    DeletionRequest: {
      certificate: (row) => {
        if (!row.certificateDocument) return null;
        const certificate = {
          id: row.certificateId!,
          issuedAt: row.certificateIssuedAt!,
          document: row.certificateDocument,
          signature: row.certificateSignature!,
          keyId: row.certificateKeyId!,
        };
        if (readByReceipt.has(row)) readByReceipt.add(certificate);
        return certificate;
      },
      receipt: (row, _args, ctx) => receiptOf(options.receipts, row, ctx.principal),
    },
    Organization: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      legalHold: async (organization, _args, ctx) => {
        if (ctx.principal.kind !== 'user' || !isAdminOf(ctx.principal, organization.id)) return null;
        return holdOf(ctx.em, organization.id);
      },
    },
  };
}
