import { allow, or, type IRules } from '../../kit/shield.ts';
import { isAuthenticated, isGateway, isSelf } from '../../kit/rules.ts';

/**
 * Every field has a rule; anything else is denied by the kit's fallback. Another user's User is
 * reachable only through a tenancy field that already checked the principal may see that member,
 * so User's own fields need only an authenticated principal; sessions are the user's alone.
 */
const isSelfUser = isSelf((user: { id: string }) => user.id);

export const identityPermissions: IRules = {
  Query: { me: allow, sessionPrincipal: isGateway },
  Mutation: { devSignIn: allow },
  SignIn: { '*': allow },
  SessionPrincipal: { '*': isGateway },
  User: {
    id: or(isAuthenticated, isSelfUser),
    email: or(isAuthenticated, isSelfUser),
    displayName: or(isAuthenticated, isSelfUser),
    createdAt: or(isAuthenticated, isSelfUser),
    sessions: isSelfUser,
  },
  Session: { '*': isSelf((session: { userId: string }) => session.userId) },
};
