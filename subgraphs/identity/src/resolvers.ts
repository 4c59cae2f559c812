import { scalarResolvers } from '../../kit/scalars.ts';
import { stewardError, ErrorCode, badInput } from '../../kit/errors.ts';
import type { Resolvers } from './generated/resolvers.ts';
import { findOrCreateUser } from './user/user.repository.ts';
import { findLiveSession, openSession } from './session/session.repository.ts';
import { parseEmail } from './user/email.ts';

export interface IdentityResolverOptions {
  /** The development sign-in; never on in production. */
  allowDevSignIn: boolean;
}

export function createIdentityResolvers(options: IdentityResolverOptions): Resolvers {
  return {
    DateTime: scalarResolvers.DateTime,
    Query: {
      me: (_parent, _args, ctx) =>
        ctx.principal.kind === 'user' ? ctx.loaders.user.load(ctx.principal.userId) : null,
      sessionPrincipal: async (_parent, { token }, ctx) => {
        const session = await findLiveSession(ctx.em, token);
        return session ? { userId: session.userId, sessionId: session.id } : null;
      },
    },
    Mutation: {
      devSignIn: async (_parent, { email, displayName }, ctx) => {
        if (!options.allowDevSignIn) {
          throw stewardError(ErrorCode.FORBIDDEN, 'Development sign-in is disabled');
        }
        const parsed = parseEmail(email);
        if (!parsed) throw badInput('Not a valid email address', 'email');
        const user = await findOrCreateUser(ctx.em, parsed, displayName);
        const { token, session } = await openSession(ctx.em, user.id, ctx.origin);
        ctx.signedInUserId = user.id;
        return { token, session, user };
      },
    },
    User: {
      __resolveReference: (reference, ctx) => ctx.loaders.user.load(reference.id),
      sessions: (user, _args, ctx) => ctx.loaders.sessionsByUser.load(user.id),
    },
    Session: {
      current: (session, _args, ctx) =>
        ctx.principal.kind === 'user' && ctx.principal.sessionId === session.id,
    },
  };
}
