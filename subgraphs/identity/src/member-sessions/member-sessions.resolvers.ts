import type { Resolvers } from '../generated/resolvers.ts';
import type { IdentityOptions } from '../options.ts';
import { authenticatedAtOf } from '../session/recent-authentication.ts';
import { isSignInMethod } from '../sign-in-attempt/sign-in-attempt.entity.ts';
import { organizationSignInAttempts } from './organization-attempts.ts';
import { memberSessions, revokeMemberSession, unlockMember } from './member-sessions.service.ts';

export function createMemberSessionResolvers(options: IdentityOptions): Resolvers {
  return {
    Query: {
      memberSessions: (_parent, { organizationId, userId }, ctx) =>
        memberSessions(ctx, organizationId, userId),
      organizationSignInAttempts: (_parent, { organizationId, filter, first, after }, ctx) =>
        organizationSignInAttempts(ctx, organizationId, filter ?? {}, { first, after }),
    },
    Mutation: {
      revokeMemberSession: (_parent, { organizationId, sessionId }, ctx) =>
        revokeMemberSession(ctx, options, organizationId, sessionId),
      unlockMember: (_parent, { organizationId, userId }, ctx) =>
        unlockMember(ctx, options, organizationId, userId),
    },
    MemberSession: {
      authenticatedAt: (session) => authenticatedAtOf(session),
      authenticationMethods: (session) => session.authenticationMethods.filter(isSignInMethod),
    },
  };
}
