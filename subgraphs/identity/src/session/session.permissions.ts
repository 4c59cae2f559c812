import { isGateway, isSelf, isUser } from '../../../runtime/rules.ts';
import { allow, type IRules } from '../../../runtime/shield.ts';

export const sessionPermissions: IRules = {
  Query: { sessionPrincipal: isGateway },
  // The resolvers narrow further: own sessions only; an ADMIN of an organization the user belongs to.
  Mutation: { signOut: isUser, revokeSession: isUser, revokeUserSessions: isUser },
  SessionPrincipal: { '*': isGateway },
  SignIn: { '*': allow },
  Session: { '*': isSelf((session: { userId: string }) => session.userId) },
};
