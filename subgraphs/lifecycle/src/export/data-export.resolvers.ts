import { notFound } from '../../../../platform/errors.ts';
import { requireRecentFactor } from '../../../../platform/step-up.ts';
import { recordAuditEvent, actorOf } from '../../../protocols/audit-outbox/audit-outbox.ts';
import { assertSignInPolicy, mayActOnSubject, mayReadExport } from '../subject-access.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import type { Enqueue } from '../jobs/job-queue.ts';
import { idOf, subjectOfInput, targetOfSubject } from '../subject-input.ts';
import { createExport, findExport, liveExportOf } from './data-export.repository.ts';
import type { DownloadLinkSigner } from './download-link.ts';
import { EXPORT_JOB, exportJobPayload } from './export-job.ts';

export function dataExportResolvers(
  links: DownloadLinkSigner,
  enqueue: Enqueue,
  stepUpWindowMs: number,
): Resolvers {
  return {
    Query: {
      dataExport: async (_parent, { id }, ctx) => {
        const exportId = idOf(id);
        const row = exportId ? await findExport(ctx.em, exportId) : null;
        if (!row || !mayReadExport(ctx.principal, row)) return null;
        assertSignInPolicy(ctx.principal, row.organizationId);
        return row;
      },
    },
    Mutation: {
      requestDataExport: async (_parent, { subject: input }, ctx) => {
        const subject = subjectOfInput(input);
        // NOT_FOUND, not FORBIDDEN: a refusal must not confirm that the subject exists.
        if (ctx.principal.kind !== 'user' || !(await mayActOnSubject(ctx, subject)))
          throw notFound('Subject');
        // A whole account's or organization's data leaves: the requester proves a factor recently.
        requireRecentFactor(ctx.principal, new Date(), stepUpWindowMs);
        // The row may concern a member the admin's scope does not cover: widen it to the subject.
        await ctx.tx.extendScope(
          subject.organizationId !== undefined ? { tenantIds: [subject.organizationId] } : {},
        );
        // Asked again while it is being built (a double click, a script firing 40): the same export.
        const live = await liveExportOf(ctx.em, subject);
        const row =
          live ??
          (await createExport(ctx.em, {
            id: crypto.randomUUID(),
            subject,
            requestedBy: ctx.principal.userId,
          }));
        // Same transaction: the job exists exactly when the request does.
        if (!live) await enqueue(ctx.em, EXPORT_JOB, exportJobPayload(row.id, subject));
        await recordAuditEvent(ctx.em, 'lifecycle', {
          action: 'lifecycle.export.requested',
          outcome: 'SUCCESS',
          organizationId: subject.organizationId ?? null,
          actor: actorOf(ctx.principal, ctx.origin),
          target: targetOfSubject(subject),
          metadata: live ? { exportId: row.id, alreadyInProgress: true } : { exportId: row.id },
        });
        return row;
      },
    },
    DataExport: {
      requestedAt: (row) => row.requestedAt,
      // The link names its holder: each download asks again whether they may read it.
      downloadUrl: (row, _args, ctx) =>
        row.status === 'COMPLETED' && ctx.principal.kind === 'user'
          ? links.sign(row.id, undefined, {
              userId: ctx.principal.userId,
              organizationId: row.organizationId ?? null,
            })
          : null,
      sizeBytes: (row) => (row.sizeBytes == null ? null : Number(row.sizeBytes)),
    },
  };
}
