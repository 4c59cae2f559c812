import { subjectPayload, type Subject } from '../../../protocols/subject-data/subject-data.ts';

export { DELETION_JOB, CONTRACT_NOTICE_JOB } from '../jobs/job-queue.ts';

export const deletionJobPayload = (deletionId: string, subject: Subject) =>
  subjectPayload(subject, { deletionId });

/** The admins are reminded this many days before the deletion runs. */
export const CONTRACT_REMINDER_DAYS = 7;

export type ContractNotice = 'ENDED' | 'REMINDER';

/** A notice's payload: which deletion, which notice, and the date the deletion was due then. */
export const contractNoticePayload = (
  deletionId: string,
  organizationId: string,
  notice: ContractNotice,
  scheduledFor: Date,
) => ({ deletionId, organizationId, notice, scheduledFor: scheduledFor.toISOString() });

/** The notices' due dates: when the contract ends (now, for an end in the past), and before the deletion. */
export function contractNoticesOf(endsAt: Date, scheduledFor: Date, now = new Date()) {
  const ended = new Date(Math.max(endsAt.getTime(), now.getTime()));
  const reminder = new Date(
    Math.max(scheduledFor.getTime() - CONTRACT_REMINDER_DAYS * 86_400_000, ended.getTime()),
  );
  return [
    { notice: 'ENDED' as const, runAfter: ended },
    { notice: 'REMINDER' as const, runAfter: reminder },
  ];
}
