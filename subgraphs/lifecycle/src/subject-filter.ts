import type { Dictionary } from '@mikro-orm/core';

/**
 * The ORM side of lifecycle's row-level security on exports and deletions: a row is visible to
 * its organization's scope, to the user it concerns, and to whoever asked for it (mirrors the
 * tables' policies). Throws when no scope was set, as the runtime's tenant filter does.
 */
export const subjectRowFilter = {
  tenant: {
    name: 'tenant',
    default: true,
    args: true,
    cond: (args: Dictionary) => {
      if (!Array.isArray(args.ids)) throw new Error('Tenant scope not set');
      const inTenant = { organizationId: { $in: args.ids } };
      return args.userId
        ? { $or: [inTenant, { userId: args.userId }, { requestedBy: args.userId }] }
        : inTenant;
    },
  },
};
