import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { InternalClient } from '../../../../platform/internal-client.ts';
import type { Mailer } from '../../../runtime/mailer.ts';
import { runInScope } from '../../../runtime/orm.ts';
import type { Job } from '../jobs/job-queue.ts';
import { type ContractNotice } from './deletion-job-payload.ts';
import { findDeletion } from './deletion-request.repository.ts';
import { organizationAdminsOperation } from '../../../../contracts/operations/tenancy/organization-admins.ts';
import { userEmailsOperation } from '../../../../contracts/operations/identity/user-emails.ts';

export { CONTRACT_NOTICE_JOB } from './deletion-job-payload.ts';

const DAY_MS = 86_400_000;

function noticeMail(notice: ContractNotice, organizationId: string, scheduledFor: Date) {
  const date = scheduledFor.toISOString();
  const howToExport = [
    'Until then, an ADMIN of the organization can export all of its data:',
    `  mutation { requestDataExport(subject: { organizationId: "${organizationId}" }) { id } }`,
    'then query dataExport(id) until it is COMPLETED and download the archive from its downloadUrl.',
    'Extending the contract (endContract with a later date) moves the deletion with it.',
  ];
  if (notice === 'ENDED') {
    return {
      subject: 'Your contract has ended: your data will be deleted in 30 days',
      text: [
        `The contract of organization ${organizationId} has ended.`,
        `All of its data will be deleted on ${date}, with a certificate of destruction.`,
        '',
        ...howToExport,
      ].join('\n'),
    };
  }
  const days = Math.max(0, Math.round((scheduledFor.getTime() - Date.now()) / DAY_MS));
  return {
    subject: `Reminder: your data will be deleted in ${days} days`,
    text: [
      `The contract of organization ${organizationId} has ended.`,
      `All of its data will be deleted on ${date} (in ${days} days).`,
      '',
      ...howToExport,
    ].join('\n'),
  };
}

export interface ContractNoticeDeps {
  orm: MikroORM;
  internal: InternalClient;
  mailer: Mailer;
  logger: Logger;
}

/**
 * Mails an organization's admins that its contract ended (how to export before the deletion), and
 * again CONTRACT_REMINDER_DAYS before it. Durable: a job of the queue, due when the notice is;
 * stale once the deletion moved (a job of the new date sends it), was cancelled or has run.
 */
export function contractNoticeJobHandler(deps: ContractNoticeDeps) {
  const { orm, internal, mailer, logger } = deps;
  return async (job: Job): Promise<void> => {
    const { deletionId, organizationId, notice, scheduledFor } = job.payload;
    if (!deletionId || !organizationId || (notice !== 'ENDED' && notice !== 'REMINDER')) {
      throw new Error('Contract notice job without its deletion, organization or notice');
    }
    const row = await runInScope(orm, { tenantIds: [organizationId], userId: null }, ({ em }) =>
      findDeletion(em, deletionId),
    );
    const live =
      row && row.origin === 'CONTRACT_END' && (row.status === 'PENDING' || row.status === 'ON_HOLD');
    if (!live || row.scheduledFor.toISOString() !== scheduledFor) return;
    const origin = { requestId: `contract-notice-${job.id}`, ip: null, userAgent: null };
    const { organizationAdmins } = await internal(organizationAdminsOperation, { organizationId }, origin);
    if (!organizationAdmins.length) return;
    const { userEmails } = await internal(userEmailsOperation, { userIds: organizationAdmins }, origin);
    const mail = noticeMail(notice, organizationId, row.scheduledFor);
    for (const { email } of userEmails) await mailer.send({ to: email, ...mail });
    logger.info({ deletionId, notice, recipients: userEmails.length }, 'contract notice mailed');
  };
}

/**
 * A contract's deletion spent its retries: the organization's admins are told that the promised
 * deletion has not happened yet and that the operator is on it (they may also retry it).
 */
export async function mailDeletionFailed(
  deps: Pick<ContractNoticeDeps, 'internal' | 'mailer' | 'logger'>,
  deletion: { id: string; organizationId: string },
): Promise<void> {
  const origin = { requestId: `deletion-failed-${deletion.id}`, ip: null, userAgent: null };
  const { organizationAdmins } = await deps.internal(
    organizationAdminsOperation,
    { organizationId: deletion.organizationId },
    origin,
  );
  if (!organizationAdmins.length) return;
  const { userEmails } = await deps.internal(userEmailsOperation, { userIds: organizationAdmins }, origin);
  const mail = {
    subject: 'The deletion of your data has failed: we are on it',
    text: [
      `The deletion of organization ${deletion.organizationId}'s data after the end of its contract`,
      `(deletion ${deletion.id}) failed after repeated tries. The operator has been alerted.`,
      'An ADMIN can run it again once the cause is fixed:',
      `  mutation { retryDeletion(id: "${deletion.id}") { id status } }`,
    ].join('\n'),
  };
  for (const { email } of userEmails) await deps.mailer.send({ to: email, ...mail });
  deps.logger.error(
    { deletionId: deletion.id, recipients: userEmails.length },
    'contract deletion failed: admins mailed',
  );
}
