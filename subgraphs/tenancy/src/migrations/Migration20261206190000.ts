import { Migration } from '@mikro-orm/migrations';

/**
 * An organization's region never changes: its data was promised to stay there, and its exports
 * and certificates state it. The database refuses the change whoever asks (PostgreSQL 15+).
 */
export class Migration20261206190000 extends Migration {
  override up(): void {
    this.addSql(`create function tenancy.organization_region_is_fixed() returns trigger
      language plpgsql as $$
      begin
        if new.region is distinct from old.region then
          raise exception 'an organization''s region never changes' using errcode = 'check_violation';
        end if;
        return new;
      end $$`);
    this.addSql(`create trigger organization_region_is_fixed
      before update of region on tenancy.organizations
      for each row execute function tenancy.organization_region_is_fixed()`);
  }

  override down(): void {
    this.addSql('drop trigger organization_region_is_fixed on tenancy.organizations');
    this.addSql('drop function tenancy.organization_region_is_fixed()');
  }
}
