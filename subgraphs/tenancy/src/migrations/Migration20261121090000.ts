import { Migration } from '@mikro-orm/migrations';

const runtime = 'steward_tenancy_app';
const TABLES = ['organizations', 'projects', 'memberships', 'project_memberships', 'invitations'];

/**
 * Deletion vacuums a table it emptied of many rows before deleting their parents (the parents'
 * foreign-key checks otherwise walk every dead index entry: docs/PERFORMANCE.md, Lifecycle).
 * MAINTAIN (PostgreSQL 17+) allows VACUUM and ANALYZE, not reading or changing rows.
 */
export class Migration20261121090000 extends Migration {
  override up(): void {
    this.addSql(`grant maintain on ${TABLES.map((t) => `tenancy.${t}`).join(', ')} to ${runtime}`);
  }

  override down(): void {
    this.addSql(`revoke maintain on ${TABLES.map((t) => `tenancy.${t}`).join(', ')} from ${runtime}`);
  }
}
