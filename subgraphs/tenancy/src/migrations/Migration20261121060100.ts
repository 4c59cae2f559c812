import { Migration } from '@mikro-orm/migrations';

const owner = 'steward_tenancy_owner';
const runtime = 'steward_tenancy_app';

/**
 * Lifecycle's retention sweep applies every organization's policy, the default one included, so it
 * needs every organization's id: the one list that crosses tenants, ids only, through a security
 * definer function that RLS (forced) lets read under a select-only policy of the owner's own.
 */
export class Migration20261121060100 extends Migration {
  override up(): void {
    this.addSql(
      `create policy organizations_listing_by_owner on tenancy.organizations for select to ${owner} using (true)`,
    );
    this.addSql(`create function tenancy.organization_ids_after(p_after uuid, p_limit int)
      returns table (id uuid)
      language sql stable security definer
      set search_path = tenancy, pg_temp
      as $$
        select o.id from tenancy.organizations o
         where p_after is null or o.id > p_after
         order by o.id
         limit least(greatest(p_limit, 1), 1000)
      $$`);
    this.addSql(`revoke all on function tenancy.organization_ids_after(uuid, int) from public`);
    this.addSql(`grant execute on function tenancy.organization_ids_after(uuid, int) to ${runtime}`);
  }

  override down(): void {
    this.addSql('drop function tenancy.organization_ids_after(uuid, int)');
    this.addSql('drop policy organizations_listing_by_owner on tenancy.organizations');
  }
}
