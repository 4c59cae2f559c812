import { Migration } from '@mikro-orm/migrations';

const tenantIds = `string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[]`;
const currentUser = `nullif(current_setting('app.user_id', true), '')::uuid`;

export class Migration20261121040000 extends Migration {
  override up(): void {
    // One row per export request: an organization's or a user's, never both.
    this.addSql(`create table lifecycle.data_exports (
      id uuid primary key,
      organization_id uuid null,
      user_id uuid null,
      requested_by uuid not null,
      status text not null default 'PENDING' check (status in ('PENDING','RUNNING','COMPLETED','FAILED')),
      progress float8 not null default 0 check (progress between 0 and 1),
      requested_at timestamptz not null default now(),
      completed_at timestamptz null,
      blob_key text null,
      size_bytes bigint null,
      sha256 text null check (sha256 ~ '^[0-9a-f]{64}$'),
      error text null,
      check ((organization_id is null) <> (user_id is null)))`);
    // Visible to the organization's scope, to the user exported, and to whoever asked.
    const visible = `organization_id = any(${tenantIds}) or user_id = ${currentUser} or requested_by = ${currentUser}`;
    this.addSql('alter table lifecycle.data_exports enable row level security');
    this.addSql('alter table lifecycle.data_exports force row level security');
    this.addSql(
      `create policy data_exports_subject on lifecycle.data_exports using (${visible}) with check (${visible})`,
    );
    // The durable job queue: payloads hold ids only; a worker leases a row with
    // FOR UPDATE SKIP LOCKED, and a lease that runs out (a killed worker) lets another resume it.
    this.addSql(`create table lifecycle.jobs (
      id uuid primary key,
      kind text not null,
      payload jsonb not null,
      status text not null default 'PENDING' check (status in ('PENDING','DONE','FAILED')),
      attempts int not null default 0,
      run_after timestamptz not null default now(),
      locked_until timestamptz null,
      last_error text null,
      created_at timestamptz not null default now(),
      finished_at timestamptz null)`);
    this.addSql(`create index jobs_due_idx on lifecycle.jobs (run_after) where status = 'PENDING'`);
    // Like identity's: a user's own export events belong to no organization until delivery fans them out.
    for (const sql of [
      `create table lifecycle.audit_outbox (
      id uuid primary key,
      occurred_at timestamptz not null default now(),
      organization_id uuid null,
      event jsonb not null,
      delivered_at timestamptz null)`,
      `create index audit_outbox_undelivered_idx on lifecycle.audit_outbox (occurred_at) where delivered_at is null`,
      `alter table lifecycle.audit_outbox enable row level security`,
      `alter table lifecycle.audit_outbox force row level security`,
      `create policy audit_outbox_tenant_isolation on lifecycle.audit_outbox using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
      `create policy audit_outbox_personal on lifecycle.audit_outbox for insert with check (organization_id is null)`,
      `create policy audit_outbox_relay on lifecycle.audit_outbox using (current_setting('app.audit_relay', true) = 'on') with check (current_setting('app.audit_relay', true) = 'on')`,
    ]) {
      this.addSql(sql);
    }
  }

  override down(): void {
    this.addSql('drop table lifecycle.audit_outbox');
    this.addSql('drop table lifecycle.jobs');
    this.addSql('drop table lifecycle.data_exports');
  }
}
