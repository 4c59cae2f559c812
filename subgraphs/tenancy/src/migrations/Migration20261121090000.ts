import { Migration } from '@mikro-orm/migrations';

const runtime = 'steward_tenancy_app';
const TABLES = ['organizations', 'projects', 'memberships', 'project_memberships', 'invitations'];

/**
 * Deletion vacuums a table it emptied of many rows before deleting their parents (the parents'
 * foreign-key checks otherwise walk every dead index entry: docs/PERFORMANCE.md, Lifecycle).
 * MAINTAIN (PostgreSQL 17+) allows VACUUM and ANALYZE, not reading or changing rows. Granted only
 * on 17 or later: before 17 the privilege does not exist, and deletion detects that at run time
 * and leaves the dead rows to autovacuum (subgraphs/protocols/subject-data/vacuum.ts).
 */
const onMaintainMajors = (statement: string) => `do $$
begin
  if current_setting('server_version_num')::int >= 170000 then
    execute '${statement}';
  end if;
end $$`;

export class Migration20261121090000 extends Migration {
  override up(): void {
    this.addSql(
      onMaintainMajors(`grant maintain on ${TABLES.map((t) => `tenancy.${t}`).join(', ')} to ${runtime}`),
    );
  }

  override down(): void {
    this.addSql(
      onMaintainMajors(`revoke maintain on ${TABLES.map((t) => `tenancy.${t}`).join(', ')} from ${runtime}`),
    );
  }
}
