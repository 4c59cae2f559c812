import { Migration } from '@mikro-orm/migrations';

const owner = 'steward_tenancy_owner';
const runtime = 'steward_tenancy_app';

export class Migration20261121020000 extends Migration {
  override up(): void {
    // invited_by and accepted_by are identity's users: no foreign key across subgraphs.
    this.addSql(`create table tenancy.invitations (
      id uuid primary key,
      organization_id uuid not null references tenancy.organizations (id) on delete cascade,
      email text not null check (length(email) between 3 and 254),
      role text not null check (role in ('ADMIN','MEMBER')),
      project_id uuid null,
      project_role text null check (project_role in ('EDITOR','PARTICIPANT')),
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      invited_by uuid null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz null,
      accepted_by uuid null,
      revoked_at timestamptz null,
      check ((project_id is null) = (project_role is null)),
      check (accepted_at is null or revoked_at is null),
      foreign key (project_id, organization_id) references tenancy.projects (id, organization_id) on delete cascade)`);
    // One pending invitation per address and organization: a new one withdraws the old first.
    this.addSql(`create unique index invitations_pending_idx on tenancy.invitations (organization_id, email)
      where accepted_at is null and revoked_at is null`);
    this.addSql(`alter table tenancy.invitations enable row level security`);
    this.addSql(`alter table tenancy.invitations force row level security`);
    this.addSql(
      `create policy invitations_tenant_isolation on tenancy.invitations using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
    );

    // The invitee is in no tenant scope until the invitation is accepted, and the token is the
    // only proof they hold: this function is the one read that crosses tenants. It answers the id
    // and organization of the single invitation with that token hash (nothing else), and runs as
    // the owner (security definer), which RLS (forced) lets read through a select-only policy of
    // its own. The caller then widens its scope to that organization and reads the row normally.
    this.addSql(
      `create policy invitations_lookup_by_owner on tenancy.invitations for select to ${owner} using (true)`,
    );
    this.addSql(`create function tenancy.invitation_by_token_hash(hash text)
      returns table (id uuid, organization_id uuid)
      language sql stable security definer
      set search_path = tenancy, pg_temp
      as $$
        select i.id, i.organization_id from tenancy.invitations i where i.token_hash = hash
      $$`);
    this.addSql(`revoke all on function tenancy.invitation_by_token_hash(text) from public`);
    this.addSql(`grant execute on function tenancy.invitation_by_token_hash(text) to ${runtime}`);

    // Every tenancy event belongs to an organization, so the outbox is tenant data like the rest;
    // the relay, which delivers every tenant's events, reads it under a policy of its own.
    for (const sql of [
      `create table tenancy.audit_outbox (
      id uuid primary key,
      occurred_at timestamptz not null default now(),
      organization_id uuid null,
      event jsonb not null,
      delivered_at timestamptz null)`,
      `create index audit_outbox_undelivered_idx on tenancy.audit_outbox (occurred_at) where delivered_at is null`,
      `alter table tenancy.audit_outbox enable row level security`,
      `alter table tenancy.audit_outbox force row level security`,
      `create policy audit_outbox_tenant_isolation on tenancy.audit_outbox using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
      `create policy audit_outbox_relay on tenancy.audit_outbox using (current_setting('app.audit_relay', true) = 'on') with check (current_setting('app.audit_relay', true) = 'on')`,
    ]) {
      this.addSql(sql);
    }
  }

  override down(): void {
    this.addSql('drop table tenancy.audit_outbox');
    this.addSql('drop function tenancy.invitation_by_token_hash(text)');
    this.addSql('drop table tenancy.invitations');
  }
}
