import { Migration } from '@mikro-orm/migrations';

/**
 * Deleting a project checks the invitations that reference it (a foreign key): without an index
 * that check reads the whole table for every project, which made deleting an organization's
 * 50,000 projects take minutes (docs/PERFORMANCE.md, Lifecycle).
 */
export class Migration20261121070000 extends Migration {
  override up(): void {
    this.addSql(`create index invitations_project_idx on tenancy.invitations (project_id, organization_id)
      where project_id is not null`);
  }

  override down(): void {
    this.addSql('drop index tenancy.invitations_project_idx');
  }
}
