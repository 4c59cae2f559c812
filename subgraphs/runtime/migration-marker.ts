import type { Migration } from '@mikro-orm/migrations';

type MigrationClass = new (...args: never[]) => Migration;

/** The setting a migration names itself in; the database audit's event trigger records it. */
export const MIGRATION_SETTING = 'steward.migration';

/**
 * Each migration, first setting `steward.migration` to `<subgraph>/<migration name>` for its own
 * transaction: DDL that Steward's migrations run is then recorded as such (which migration), and
 * anything else as done outside them. The names stay those MikroORM has recorded so far.
 */
export function markMigrations(subgraph: string, migrations: readonly MigrationClass[]) {
  return migrations.map((Original) => {
    const label = `${subgraph}/${Original.name}`.replace(/[^\w/]/g, '');
    class Marked extends Original {
      override async up(): Promise<void> {
        this.addSql(`select set_config('${MIGRATION_SETTING}', '${label}', true)`);
        // up() is abstract on Migration: the original's own, on this instance.
        await Original.prototype.up.call(this);
      }
      override async down(): Promise<void> {
        this.addSql(`select set_config('${MIGRATION_SETTING}', '${label} (down)', true)`);
        await Original.prototype.down.call(this);
      }
    }
    return { name: Original.name, class: Marked };
  });
}
