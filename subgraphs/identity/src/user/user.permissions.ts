import { isAuthenticated, isSelf, isService } from '../../../runtime/rules.ts';
import { allow, or, type IRules } from '../../../runtime/shield.ts';

/** The signed-in user (or the one this request just signed in) is this user. */
export const isSelfUser = isSelf((user: { id: string }) => user.id);
const isPrincipalOrSelf = or(isAuthenticated, isSelfUser);
// One instance: shield refuses two different rules under one name.
const isLifecycle = isService('lifecycle');
/** Lifecycle mails contract notices, audit incident notices, to organizations' admins. */
const isLifecycleOrAudit = or(isLifecycle, isService('audit'));

// Another user's User is reachable only through a tenancy field that already checked the principal
// may see that member, so profile fields need only an authenticated principal; the rest is the
// user's own.
export const userPermissions: IRules = {
  // Tenancy binds an invitation to its address: it alone asks an account's email by id. Lifecycle
  // mails an organization's admins when its contract ends (the addresses only).
  Query: { me: allow, accountEmail: isService('tenancy'), userEmails: isLifecycleOrAudit },
  UserEmail: { '*': isLifecycleOrAudit },
  User: {
    id: isPrincipalOrSelf,
    email: isPrincipalOrSelf,
    displayName: isPrincipalOrSelf,
    createdAt: isPrincipalOrSelf,
    sessions: isSelfUser,
  },
};
