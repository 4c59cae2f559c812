import { Migration } from '@mikro-orm/migrations';

/**
 * Retention rules keyed by (organization_id, id), as Citus distributes them (docs/SCALING.md);
 * `id` stays the rows' identity, found through a plain index.
 */
export class Migration20261208050200 extends Migration {
  override up(): void {
    this.addSql(`alter table lifecycle.retention_rules drop constraint retention_rules_pkey,
      add constraint retention_rules_pkey primary key (organization_id, id)`);
    this.addSql('create index retention_rules_id_idx on lifecycle.retention_rules (id)');
  }

  override down(): void {
    this.addSql('drop index lifecycle.retention_rules_id_idx');
    this.addSql(`alter table lifecycle.retention_rules drop constraint retention_rules_pkey,
      add constraint retention_rules_pkey primary key (id)`);
  }
}
