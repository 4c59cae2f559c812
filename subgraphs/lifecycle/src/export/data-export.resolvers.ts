import { badInput, notFound } from '../../../../platform/errors.ts';
import { recordAuditEvent, actorOf } from '../../../protocols/audit-outbox/audit-outbox.ts';
import type { Subject } from '../../../protocols/subject-data/subject-data.ts';
import type { Principal } from '../../../../platform/principal.ts';
import { isAdminOf, mayActOnSubject } from '../subject-access.ts';
import type { LifecycleContext } from '../context.ts';
import type { Resolvers, SubjectInput } from '../generated/resolvers.ts';
import { enqueueJob } from '../jobs/job-queue.ts';
import { DATA_EXPORT_COLUMNS, type DataExport } from './data-export.entity.ts';
import type { DownloadLinkSigner } from './download-link.ts';
import { EXPORT_JOB, exportJobPayload } from './export-job.ts';
import { isId } from '../../../../platform/ids.ts';

/** Exactly one of organizationId and userId, each a well-formed id. */
export function subjectOfInput(input: SubjectInput): Subject {
  const { organizationId, userId } = input;
  if (organizationId && !userId) {
    if (!isId(organizationId)) throw badInput('Not an organization id', 'subject.organizationId');
    return { organizationId: organizationId.toLowerCase() };
  }
  if (userId && !organizationId) {
    if (!isId(userId)) throw badInput('Not a user id', 'subject.userId');
    return { userId: userId.toLowerCase() };
  }
  throw badInput('Give exactly one of organizationId and userId', 'subject');
}

/** Who may see an export: whoever asked for it, and the admins of its organization. */
const mayRead = (principal: Principal, row: DataExport) =>
  principal.kind === 'user' &&
  (row.requestedBy === principal.userId ||
    (row.organizationId !== null && isAdminOf(principal, row.organizationId)));

async function findExport(ctx: LifecycleContext, id: string): Promise<DataExport | null> {
  const [row] = await ctx.em.execute<DataExport[]>(
    `select ${DATA_EXPORT_COLUMNS} from lifecycle.data_exports where id = ?`,
    [id],
  );
  if (!row) return null;
  // Raw SQL answers timestamps as text: the DateTime scalar wants dates.
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  return { ...row, requestedAt: date(row.requestedAt)!, completedAt: date(row.completedAt) };
}

export function dataExportResolvers(links: DownloadLinkSigner): Resolvers {
  return {
    Query: {
      dataExport: async (_parent, { id }, ctx) => {
        if (!isId(id)) return null;
        const row = await findExport(ctx, id.toLowerCase());
        return row && mayRead(ctx.principal, row) ? row : null;
      },
    },
    Mutation: {
      requestDataExport: async (_parent, { subject: input }, ctx) => {
        const subject = subjectOfInput(input);
        // NOT_FOUND, not FORBIDDEN: a refusal must not confirm that the subject exists.
        if (ctx.principal.kind !== 'user' || !(await mayActOnSubject(ctx, subject)))
          throw notFound('Subject');
        const id = crypto.randomUUID();
        // The row may concern a member the admin's scope does not cover: widen it to the subject.
        await ctx.tx.extendScope(
          subject.organizationId !== undefined ? { tenantIds: [subject.organizationId] } : {},
        );
        await ctx.em.execute(
          `insert into lifecycle.data_exports (id, organization_id, user_id, requested_by) values (?, ?, ?, ?)`,
          [id, subject.organizationId ?? null, subject.userId ?? null, ctx.principal.userId],
        );
        // Same transaction: the job exists exactly when the request does.
        await enqueueJob(ctx.em, EXPORT_JOB, exportJobPayload(id, subject));
        await recordAuditEvent(ctx.em, 'lifecycle', {
          action: 'lifecycle.export.requested',
          outcome: 'SUCCESS',
          organizationId: subject.organizationId ?? null,
          actor: actorOf(ctx.principal, ctx.origin),
          target:
            subject.organizationId !== undefined
              ? { type: 'Organization', id: subject.organizationId }
              : { type: 'User', id: subject.userId },
          metadata: { exportId: id },
        });
        const row = await findExport(ctx, id);
        if (!row) throw new Error('Export not readable after insert');
        return row;
      },
    },
    DataExport: {
      requestedAt: (row) => row.requestedAt,
      downloadUrl: (row) => (row.status === 'COMPLETED' ? links.sign(row.id) : null),
      sizeBytes: (row) => (row.sizeBytes === null ? null : Number(row.sizeBytes)),
    },
  };
}
