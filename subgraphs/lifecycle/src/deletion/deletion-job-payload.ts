import { subjectPayload, type Subject } from '../../../protocols/subject-data/subject-data.ts';

export const DELETION_JOB = 'deletion';

export const deletionJobPayload = (deletionId: string, subject: Subject) =>
  subjectPayload(subject, { deletionId });
