import { badInput } from '../../../platform/errors.ts';
import type { Subject } from '../../protocols/subject-data/subject-data.ts';
import type { SubjectInput } from './generated/resolvers.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A well-formed id, lower-cased; null otherwise (the caller answers NOT_FOUND or BAD_USER_INPUT). */
export const idOf = (value: string): string | null => (UUID.test(value) ? value.toLowerCase() : null);

/** Exactly one of organizationId and userId, each a well-formed id. */
export function subjectOfInput(input: SubjectInput): Subject {
  const { organizationId, userId } = input;
  if (organizationId && !userId) {
    const id = idOf(organizationId);
    if (!id) throw badInput('Not an organization id', 'subject.organizationId');
    return { organizationId: id };
  }
  if (userId && !organizationId) {
    const id = idOf(userId);
    if (!id) throw badInput('Not a user id', 'subject.userId');
    return { userId: id };
  }
  throw badInput('Give exactly one of organizationId and userId', 'subject');
}

/** A reason of 1 to 1000 characters, trimmed. */
export function reasonOfInput(reason: string): string {
  const why = reason.trim();
  if (why.length < 1 || why.length > 1000) throw badInput('Give a reason of 1 to 1000 characters', 'reason');
  return why;
}

/** The audit target naming a subject. */
export const targetOfSubject = (subject: Subject) =>
  subject.organizationId !== undefined
    ? { type: 'Organization', id: subject.organizationId }
    : { type: 'User', id: subject.userId };
