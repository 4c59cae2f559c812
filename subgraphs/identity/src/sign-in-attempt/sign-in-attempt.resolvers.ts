import { notFound } from '../../../../platform/errors.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { isMemberOf } from '../tenancy-client.ts';
import { signInAttemptsOf } from './sign-in-attempt.repository.ts';

export const signInAttemptResolvers: Resolvers = {
  Query: {
    // The permission rule made sure the principal administers the organization; tenancy says
    // whether the user is one of its members.
    memberSignInAttempts: async (_parent, { organizationId, userId, first, after }, ctx) => {
      if (!(await isMemberOf(ctx, organizationId, userId))) throw notFound('Member');
      return signInAttemptsOf(ctx.em, userId, { first, after });
    },
  },
  User: {
    signInAttempts: (user, { first, after }, ctx) => signInAttemptsOf(ctx.em, user.id, { first, after }),
  },
};
