import { isId } from '../../../../platform/ids.ts';
import type { Resolvers } from '../generated/resolvers.ts';

/** Ids of existing organizations, all or among those asked: audit addresses incidents to them. */
export const organizationIdsResolvers: Resolvers = {
  Query: {
    organizationIds: async (_parent, { among }, ctx) => {
      const wanted = among ? among.filter(isId) : null;
      if (wanted && wanted.length === 0) return [];
      const rows = await ctx.em.execute<{ id: string }[]>(
        'select tenancy.organization_ids(?::uuid[]) as id',
        [wanted ? `{${wanted.join(',')}}` : null],
      );
      return rows.map((row) => row.id);
    },
  },
};
