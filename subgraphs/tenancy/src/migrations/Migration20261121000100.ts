import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000100 extends Migration {
  override up(): void {
    this.addSql(`create table tenancy.organizations (
      id uuid primary key,
      name text not null check (length(name) between 1 and 200),
      region text not null,
      status text not null default 'ACTIVE' check (status in ('ACTIVE','CONTRACT_ENDED','DELETION_SCHEDULED')),
      contract_ends_at timestamptz null,
      created_at timestamptz not null default now())`);
    this.addSql(`create table tenancy.projects (
      id uuid primary key,
      organization_id uuid not null references tenancy.organizations (id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      created_at timestamptz not null default now(),
      unique (id, organization_id))`);
    this.addSql(`create index projects_organization_id_idx on tenancy.projects (organization_id)`);
    // user_id is identity's user: another subgraph's table, so no foreign key to it.
    this.addSql(`create table tenancy.memberships (
      id uuid primary key,
      organization_id uuid not null references tenancy.organizations (id) on delete cascade,
      user_id uuid not null,
      role text not null check (role in ('ADMIN','MEMBER')),
      created_at timestamptz not null default now(),
      unique (organization_id, user_id))`);
    this.addSql(`create index memberships_user_id_idx on tenancy.memberships (user_id)`);
    // The composite keys pin a project role to a project of the same organization, held by one of
    // its members: removing the membership (or the project) removes the project role.
    this.addSql(`create table tenancy.project_memberships (
      id uuid primary key,
      organization_id uuid not null,
      project_id uuid not null,
      user_id uuid not null,
      role text not null check (role in ('EDITOR','PARTICIPANT')),
      unique (project_id, user_id),
      foreign key (project_id, organization_id) references tenancy.projects (id, organization_id) on delete cascade,
      foreign key (organization_id, user_id) references tenancy.memberships (organization_id, user_id) on delete cascade)`);
    this.addSql(`create index project_memberships_user_id_idx on tenancy.project_memberships (user_id)`);
    this.addSql(
      `create index project_memberships_member_idx on tenancy.project_memberships (organization_id, user_id)`,
    );

    for (const sql of [
      `alter table tenancy.organizations enable row level security`,
      `alter table tenancy.organizations force row level security`,
      `create policy organizations_tenant_isolation on tenancy.organizations using (id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
      `alter table tenancy.projects enable row level security`,
      `alter table tenancy.projects force row level security`,
      `create policy projects_tenant_isolation on tenancy.projects using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
      `alter table tenancy.memberships enable row level security`,
      `alter table tenancy.memberships force row level security`,
      `create policy memberships_tenant_isolation on tenancy.memberships using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
      `create policy memberships_owner_read on tenancy.memberships for select using (user_id = (select nullif(current_setting('app.user_id', true), '')::uuid))`,
      `alter table tenancy.project_memberships enable row level security`,
      `alter table tenancy.project_memberships force row level security`,
      `create policy project_memberships_tenant_isolation on tenancy.project_memberships using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
      `create policy project_memberships_owner_read on tenancy.project_memberships for select using (user_id = (select nullif(current_setting('app.user_id', true), '')::uuid))`,
    ]) {
      this.addSql(sql);
    }
  }

  override down(): void {
    this.addSql('drop table tenancy.project_memberships');
    this.addSql('drop table tenancy.memberships');
    this.addSql('drop table tenancy.projects');
    this.addSql('drop table tenancy.organizations');
  }
}
