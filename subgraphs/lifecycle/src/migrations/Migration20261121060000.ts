import { Migration } from '@mikro-orm/migrations';

/**
 * Retention policies: an organization's rules, one per category it set (categories without one
 * keep their default, which is not stored). Tenant data like the rest, under RLS.
 */
export class Migration20261121060000 extends Migration {
  override up(): void {
    this.addSql(`create table lifecycle.retention_rules (
      id uuid primary key,
      organization_id uuid not null,
      category text not null check (category in ('SIGN_IN_ATTEMPTS','SESSIONS','AUDIT_EVENTS','EXPORTS')),
      keep_for text not null check (keep_for ~ '^P[0-9YMWDTHS]+$'),
      updated_at timestamptz not null default now(),
      unique (organization_id, category))`);
    this.addSql(`alter table lifecycle.retention_rules enable row level security`);
    this.addSql(`alter table lifecycle.retention_rules force row level security`);
    this.addSql(
      `create policy retention_rules_tenant_isolation on lifecycle.retention_rules using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
    );
  }

  override down(): void {
    this.addSql('drop table lifecycle.retention_rules');
  }
}
