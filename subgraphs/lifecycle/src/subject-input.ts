import { badInput } from '../../../platform/errors.ts';
import type { Subject } from '../../protocols/subject-data/subject-data.ts';
import type { SubjectInput } from './generated/resolvers.ts';
import { isId } from '../../../platform/ids.ts';

/** A well-formed id, lower-cased; null otherwise (the caller answers NOT_FOUND or BAD_USER_INPUT). */
export const idOf = (value: string): string | null => (isId(value) ? value.toLowerCase() : null);

/**
 * An organization (`organizationId`), a person's account (`userId`), or an organization's data
 * about one of its members (both); each a well-formed id.
 */
export function subjectOfInput(input: SubjectInput): Subject {
  const { organizationId, userId } = input;
  if (!organizationId && !userId) throw badInput('Give organizationId, userId, or both', 'subject');
  const organization = organizationId ? idOf(organizationId) : undefined;
  if (organization === null) throw badInput('Not an organization id', 'subject.organizationId');
  const user = userId ? idOf(userId) : undefined;
  if (user === null) throw badInput('Not a user id', 'subject.userId');
  if (organization && user) return { organizationId: organization, userId: user };
  return organization ? { organizationId: organization } : { userId: user! };
}

/** A reason of 1 to 1000 characters, trimmed. */
export function reasonOfInput(reason: string): string {
  const why = reason.trim();
  if (why.length < 1 || why.length > 1000) throw badInput('Give a reason of 1 to 1000 characters', 'reason');
  return why;
}

/** The audit target naming a subject. */
export const targetOfSubject = (subject: Subject) =>
  subject.userId !== undefined
    ? { type: 'User', id: subject.userId }
    : { type: 'Organization', id: subject.organizationId };
