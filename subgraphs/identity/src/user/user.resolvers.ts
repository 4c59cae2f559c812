import type { Resolvers } from '../generated/resolvers.ts';
import { shareAnOrganization } from '../tenancy-client.ts';
import { firstOf } from '../../../runtime/page.ts';

export const userResolvers: Resolvers = {
  Query: {
    me: (_parent, _args, ctx) =>
      ctx.principal.kind === 'user' ? ctx.loaders.user.load(ctx.principal.userId) : null,
  },
  User: {
    // Every reference is checked: the user itself, a service, or someone sharing an organization.
    __resolveReference: async (reference, ctx) => {
      const self =
        (ctx.principal.kind === 'user' && ctx.principal.userId === reference.id) ||
        ctx.signedInUserId === reference.id;
      const visible =
        self || ctx.principal.kind === 'system' || (await shareAnOrganization(ctx, reference.id));
      return visible ? ctx.loaders.user.load(reference.id) : null;
    },
    sessions: async (user, { first }, ctx) => firstOf(await ctx.loaders.sessionsByUser.load(user.id), first),
  },
};
