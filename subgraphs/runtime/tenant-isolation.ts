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

/** The transaction's user id as a uuid expression (null when unset), read once per statement. */
export const userIdSql = `(select nullif(current_setting('${USER_SETTING}', true), '')::uuid)`;

/**
 * Rewrites a schema's existing policies into the once-per-statement form above (databases made
 * before it). Policies already holding a subquery are left as they are.
 */
export function policiesOncePerStatementSql(schema: string): string {
  const tenant = `(string_to_array(NULLIF(current_setting('${TENANT_SETTING}'::text, true), ''::text), ','::text))::uuid[]`;
  const user = `(NULLIF(current_setting('${USER_SETTING}'::text, true), ''::text))::uuid`;
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const rewrite = (column: string) =>
    `replace(replace(${column}, ${literal(tenant)}, ${literal(`(SELECT ${tenant})::uuid[]`)}), ${literal(user)}, ${literal(`(SELECT ${user})`)})`;
  return `do $$
    declare p record; q text; w text;
    begin
      for p in select * from pg_policies where schemaname = ${literal(schema)}
               and position('SELECT' in coalesce(qual, '') || coalesce(with_check, '')) = 0 loop
        q := ${rewrite('p.qual')};
        w := ${rewrite('p.with_check')};
        if q is distinct from p.qual or w is distinct from p.with_check then
          execute format('alter policy %I on %I.%I', p.policyname, p.schemaname, p.tablename)
            || coalesce(' using (' || q || ')', '') || coalesce(' with check (' || w || ')', '');
        end if;
      end loop;
    end $$`;
}

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
