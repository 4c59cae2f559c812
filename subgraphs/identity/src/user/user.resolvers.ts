import type { Resolvers } from '../generated/resolvers.ts';

export const userResolvers: Resolvers = {
  Query: {
    me: (_parent, _args, ctx) =>
      ctx.principal.kind === 'user' ? ctx.loaders.user.load(ctx.principal.userId) : null,
  },
  User: {
    __resolveReference: (reference, ctx) => ctx.loaders.user.load(reference.id),
    sessions: (user, _args, ctx) => ctx.loaders.sessionsByUser.load(user.id),
  },
};
