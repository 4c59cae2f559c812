import { Migration } from '@mikro-orm/migrations';

const tenantIds = `(select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]`;

export class Migration20261207030100 extends Migration {
  override up(): void {
    // An organization's sign-in policy, set by its admins; no row: the default (nothing required).
    this.addSql(`create table identity.sign_in_policies (
      organization_id uuid primary key,
      second_factor text not null check (second_factor in ('NONE','ADMINS','EVERYONE')),
      allowed_methods text[] null check (allowed_methods is null or cardinality(allowed_methods) > 0),
      updated_at timestamptz not null default now(),
      updated_by uuid null)`);
    this.addSql(`alter table identity.sign_in_policies enable row level security`);
    this.addSql(`alter table identity.sign_in_policies force row level security`);
    this.addSql(
      `create policy sign_in_policies_tenant_isolation on identity.sign_in_policies using (organization_id = any(${tenantIds})) with check (organization_id = any(${tenantIds}))`,
    );
  }

  override down(): void {
    this.addSql('drop table identity.sign_in_policies');
  }
}
