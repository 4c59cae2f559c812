import { Migration } from '@mikro-orm/migrations';

// The tenancy subgraph's roles, as they were named when this migration was written.
const owner = 'steward_tenancy_owner';
const runtime = 'steward_tenancy_app';

/**
 * Which organizations exist, by id alone, across tenants: an incident declared for all
 * organizations (or naming some) is addressed to them. Row-level security keeps every other read
 * to the principal's organizations; this function (security definer, as the owner, whom a
 * select-only policy lets read the ids) answers ids and nothing else.
 */
export class Migration20261207060200 extends Migration {
  override up(): void {
    this.addSql(
      `create policy organizations_ids_by_owner on tenancy.organizations for select to ${owner} using (true)`,
    );
    this.addSql(`create function tenancy.organization_ids(wanted uuid[]) returns setof uuid
      language sql stable security definer set search_path = pg_catalog, pg_temp as $$
        select id from tenancy.organizations where wanted is null or id = any(wanted) order by id
      $$`);
    this.addSql('revoke all on function tenancy.organization_ids(uuid[]) from public');
    this.addSql(`grant execute on function tenancy.organization_ids(uuid[]) to ${runtime}`);
  }

  override down(): void {
    this.addSql('drop function tenancy.organization_ids(uuid[])');
    this.addSql('drop policy organizations_ids_by_owner on tenancy.organizations');
  }
}
