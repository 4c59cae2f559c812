import type { Resolvers } from '../generated/resolvers.ts';
import { openDisplayName } from './display-name.ts';
import { shareAnOrganization } from '../tenancy-client.ts';
import { firstOf } from '../../../runtime/page.ts';
import { isId } from '../../../../platform/ids.ts';
import { usersByIds } from './user.repository.ts';

export const userResolvers: Resolvers = {
  Query: {
    me: (_parent, _args, ctx) =>
      ctx.principal.kind === 'user' ? ctx.loaders.user.load(ctx.principal.userId) : null,
    accountEmail: async (_parent, { userId }, ctx) =>
      isId(userId) ? ((await ctx.loaders.user.load(userId))?.email ?? null) : null,
    userEmails: async (_parent, { userIds }, ctx) => {
      const ids = userIds.filter(isId).map((id) => id.toLowerCase());
      if (!ids.length) return [];
      const users = await usersByIds(ctx.em, ids);
      return users.map((user) => ({ userId: user.id, email: user.email }));
    },
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
    displayName: (user, _args, ctx) => openDisplayName(ctx.sealer, user),
  },
};
