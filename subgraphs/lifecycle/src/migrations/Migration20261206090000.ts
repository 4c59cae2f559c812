import { Migration } from '@mikro-orm/migrations';

export class Migration20261206090000 extends Migration {
  override up(): void {
    // A third kind of subject: one organization's data about one member (both ids set).
    this.addSql('alter table lifecycle.data_exports drop constraint data_exports_check');
    this.addSql(`alter table lifecycle.data_exports add constraint data_exports_subject_check
      check (organization_id is not null or user_id is not null)`);
    this.addSql('alter table lifecycle.deletion_requests drop constraint deletion_requests_check');
    this.addSql(`alter table lifecycle.deletion_requests add constraint deletion_requests_subject_check
      check (organization_id is not null or user_id is not null)`);
    // One live deletion per subject: an organization, a person, or a member of an organization.
    this.addSql('drop index lifecycle.deletion_requests_live_idx');
    this.addSql(`create unique index deletion_requests_live_idx on lifecycle.deletion_requests
      ((coalesce(organization_id, '00000000-0000-0000-0000-000000000000')),
       (coalesce(user_id, '00000000-0000-0000-0000-000000000000')))
      where status in ('PENDING','ON_HOLD','RUNNING')`);
  }

  override down(): void {
    this.addSql('drop index lifecycle.deletion_requests_live_idx');
    this.addSql(`create unique index deletion_requests_live_idx on lifecycle.deletion_requests
      ((coalesce(organization_id, user_id))) where status in ('PENDING','ON_HOLD','RUNNING')`);
    this.addSql('alter table lifecycle.deletion_requests drop constraint deletion_requests_subject_check');
    this.addSql(`alter table lifecycle.deletion_requests add constraint deletion_requests_check
      check ((organization_id is null) <> (user_id is null))`);
    this.addSql('alter table lifecycle.data_exports drop constraint data_exports_subject_check');
    this.addSql(`alter table lifecycle.data_exports add constraint data_exports_check
      check ((organization_id is null) <> (user_id is null))`);
  }
}
