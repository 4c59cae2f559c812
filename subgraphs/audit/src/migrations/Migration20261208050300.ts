import { Migration } from '@mikro-orm/migrations';

/**
 * Audit events and streams keyed by (organization_id, id), as Citus distributes them
 * (docs/SCALING.md). `id` stays each row's identity: a plain index keeps finding an event (an
 * ingestion's duplicate check) or a stream by id alone.
 */
export class Migration20261208050300 extends Migration {
  override up(): void {
    for (const table of ['events', 'streams']) {
      this.addSql(`alter table audit.${table} drop constraint ${table}_pkey,
        add constraint ${table}_pkey primary key (organization_id, id)`);
      this.addSql(`create index ${table}_id_idx on audit.${table} (id)`);
    }
  }

  override down(): void {
    for (const table of ['events', 'streams']) {
      this.addSql(`drop index audit.${table}_id_idx`);
      this.addSql(`alter table audit.${table} drop constraint ${table}_pkey,
        add constraint ${table}_pkey primary key (id)`);
    }
  }
}
