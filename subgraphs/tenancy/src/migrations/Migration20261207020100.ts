import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox relay claims rows with a lease (locked_until) and sends them with no transaction
 * open; an event the audit subgraph refuses is retried (attempts, last_error, locked_until as the
 * time of the next try) and, after the configured number of refusals, kept as a dead letter.
 */
export class Migration20261207020100 extends Migration {
  override up(): void {
    this.addSql(`alter table tenancy.audit_outbox
      add column attempts int not null default 0,
      add column locked_until timestamptz null,
      add column last_error text null,
      add column dead_at timestamptz null`);
    this.addSql('drop index tenancy.audit_outbox_undelivered_idx');
    this.addSql(
      `create index audit_outbox_pending_idx on tenancy.audit_outbox (occurred_at, id) where delivered_at is null and dead_at is null`,
    );
    this.addSql(
      `create index audit_outbox_dead_idx on tenancy.audit_outbox (dead_at) where dead_at is not null`,
    );
  }

  override down(): void {
    this.addSql('drop index tenancy.audit_outbox_dead_idx');
    this.addSql('drop index tenancy.audit_outbox_pending_idx');
    this.addSql(
      `create index audit_outbox_undelivered_idx on tenancy.audit_outbox (occurred_at) where delivered_at is null`,
    );
    this.addSql(`alter table tenancy.audit_outbox
      drop column attempts, drop column locked_until, drop column last_error, drop column dead_at`);
  }
}
