import type { Dictionary } from '@mikro-orm/core';

/**
 * The transaction-local setting RLS policies read: the organizations of the principal, comma
 * separated. A connection where it is unset or empty sees no tenant rows (fails closed).
 */
export const TENANT_SETTING = 'app.tenant_ids';
/** The signed-in user, for rows a user owns regardless of organization. */
export const USER_SETTING = 'app.user_id';

/**
 * The transaction's tenant ids as a uuid[] expression, for policies and conditions. A scalar
 * subquery: PostgreSQL reads the setting once per statement, not once per row.
 */
// The outer cast keeps `= any(…)` comparing with an array, not with the rows of a subquery.
export const tenantIdsSql = `(select string_to_array(nullif(current_setting('${TENANT_SETTING}', true), ''), ',')::uuid[])::uuid[]`;

// The policies themselves (row-level security enabled and forced, `<table>_tenant_isolation`
// comparing the table's organization column with tenantIdsSql) are written out in each
// subgraph's migrations: a committed migration keeps the SQL it ran.

/**
 * The MikroORM side of the same wall: a default filter that throws when no scope was set.
 * With `ownerProperty`, rows of the scope's own user pass too (mirrors the `<table>_owner_read` policy).
 */
export function tenantFilter(property = 'organizationId', ownerProperty?: string) {
  return {
    tenant: {
      name: 'tenant',
      default: true,
      args: true,
      cond: (args: Dictionary) => {
        if (!Array.isArray(args.ids)) throw new Error('Tenant scope not set');
        const inTenant = { [property]: { $in: args.ids } };
        return ownerProperty && args.userId
          ? { $or: [inTenant, { [ownerProperty]: args.userId }] }
          : inTenant;
      },
    },
  };
}
