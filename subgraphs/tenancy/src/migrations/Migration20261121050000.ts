import { Migration } from '@mikro-orm/migrations';

export class Migration20261121050000 extends Migration {
  override up(): void {
    const owner = 'steward_tenancy_owner';
    const runtime = 'steward_tenancy_app';
    // Counts and cursors of subject deletions, committed with each batch: a crash resumes them.
    this.addSql(`create table tenancy.lifecycle_destructions (
    request_id uuid not null,
    type text not null,
    strategy text not null check (strategy in ('ERASE','ANONYMIZE','RETAIN')),
    count bigint not null default 0,
    cursor text null,
    done boolean not null default false,
    updated_at timestamptz not null default now(),
    primary key (request_id, type))`);
    // A user's deletion must reach their rows in every organization, including one they left (an
    // invitation they accepted): the organizations to scope it to, found across tenants by the
    // owner (security definer, through select-only policies of its own). Ids only.
    this.addSql(
      `create policy memberships_lookup_by_owner on tenancy.memberships for select to ${owner} using (true)`,
    );
    this.addSql(`create function tenancy.organizations_of_user(p_user_id uuid)
      returns table (organization_id uuid)
      language sql stable security definer
      set search_path = tenancy, pg_temp
      as $$
        select m.organization_id from tenancy.memberships m where m.user_id = p_user_id
        union
        select i.organization_id from tenancy.invitations i where i.accepted_by = p_user_id
      $$`);
    this.addSql(`revoke all on function tenancy.organizations_of_user(uuid) from public`);
    this.addSql(`grant execute on function tenancy.organizations_of_user(uuid) to ${runtime}`);
  }

  override down(): void {
    this.addSql('drop function tenancy.organizations_of_user(uuid)');
    this.addSql('drop policy memberships_lookup_by_owner on tenancy.memberships');
    this.addSql('drop table tenancy.lifecycle_destructions');
  }
}
