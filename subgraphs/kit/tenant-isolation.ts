import type { Dictionary } from '@mikro-orm/core';

/**
 * The transaction-local setting RLS policies read: the organizations of the principal, comma
 * separated. A connection where it is unset or empty sees no tenant rows (fails closed).
 */
export const TENANT_SETTING = 'app.tenant_ids';
/** The signed-in user, for rows a user owns regardless of organization. */
export const USER_SETTING = 'app.user_id';

/** The transaction's tenant ids as a uuid[] expression, for policies and conditions. */
export const tenantIdsSql = `string_to_array(nullif(current_setting('${TENANT_SETTING}', true), ''), ',')::uuid[]`;

/** The transaction's user id as a uuid expression (null when unset). */
export const userIdSql = `nullif(current_setting('${USER_SETTING}', true), '')::uuid`;

/**
 * SQL that makes `schema.table` readable and writable only within the tenant scope. With
 * `ownerColumn`, the scope's own user may also *read* its rows in other organizations (a user's
 * memberships); writes stay tenant-only.
 */
export function tenantPolicySql(
  schema: string,
  table: string,
  column = 'organization_id',
  ownerColumn?: string,
): string[] {
  const inTenant = `${column} = any(${tenantIdsSql})`;
  return [
    `alter table ${schema}.${table} enable row level security`,
    `alter table ${schema}.${table} force row level security`,
    `create policy ${table}_tenant_isolation on ${schema}.${table} using (${inTenant}) with check (${inTenant})`,
    ...(ownerColumn
      ? [
          `create policy ${table}_owner_read on ${schema}.${table} for select using (${ownerColumn} = ${userIdSql})`,
        ]
      : []),
  ];
}

/**
 * The MikroORM side of the same wall: a default filter that throws when no scope was set.
 * With `ownerProperty`, rows of the scope's own user pass too (mirrors tenantPolicySql).
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
