import { Migration } from '@mikro-orm/migrations';

const tenantIds = `(select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]`;
const currentUser = `(select nullif(current_setting('app.user_id', true), '')::uuid)`;

export class Migration20261121050000 extends Migration {
  override up(): void {
    // One row per deletion, kept after it as its proof (with the signed certificate).
    this.addSql(`create table lifecycle.deletion_requests (
      id uuid primary key,
      organization_id uuid null,
      user_id uuid null,
      requested_by uuid null,
      origin text not null check (origin in ('REQUEST','CONTRACT_END')),
      reason text not null check (length(reason) between 1 and 1000),
      status text not null default 'PENDING'
        check (status in ('PENDING','ON_HOLD','RUNNING','COMPLETED','CANCELLED','FAILED')),
      progress float8 not null default 0 check (progress between 0 and 1),
      requested_at timestamptz not null default now(),
      scheduled_for timestamptz not null,
      started_at timestamptz null,
      completed_at timestamptz null,
      organization_ids uuid[] null,
      certificate_id uuid null,
      certificate_issued_at timestamptz null,
      certificate_document text null,
      certificate_signature text null,
      certificate_key_id text null,
      error text null,
      check ((organization_id is null) <> (user_id is null)),
      check ((status = 'COMPLETED') = (certificate_document is not null)))`);
    // One live deletion per subject: a second request is a conflict, not a duplicate job.
    this.addSql(`create unique index deletion_requests_live_idx on lifecycle.deletion_requests
      ((coalesce(organization_id, user_id))) where status in ('PENDING','ON_HOLD','RUNNING')`);
    const visible = `organization_id = any(${tenantIds}) or user_id = ${currentUser} or requested_by = ${currentUser}`;
    this.addSql('alter table lifecycle.deletion_requests enable row level security');
    this.addSql('alter table lifecycle.deletion_requests force row level security');
    this.addSql(
      `create policy deletion_requests_subject on lifecycle.deletion_requests using (${visible}) with check (${visible})`,
    );
    // A legal hold stands while its row exists; lifting it deletes the row (the audit log keeps both).
    this.addSql(`create table lifecycle.legal_holds (
      organization_id uuid primary key,
      reason text null check (length(reason) <= 1000),
      placed_by uuid not null,
      placed_at timestamptz not null default now())`);
    this.addSql(`alter table lifecycle.legal_holds enable row level security`);
    this.addSql(`alter table lifecycle.legal_holds force row level security`);
    this.addSql(
      `create policy legal_holds_tenant_isolation on lifecycle.legal_holds using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
    );
    this.addSql(`create table lifecycle.lifecycle_destructions (
    request_id uuid not null,
    type text not null,
    strategy text not null check (strategy in ('ERASE','ANONYMIZE','RETAIN')),
    count bigint not null default 0,
    cursor text null,
    done boolean not null default false,
    updated_at timestamptz not null default now(),
    primary key (request_id, type))`);
  }

  override down(): void {
    this.addSql('drop table lifecycle.lifecycle_destructions');
    this.addSql('drop table lifecycle.legal_holds');
    this.addSql('drop table lifecycle.deletion_requests');
  }
}
