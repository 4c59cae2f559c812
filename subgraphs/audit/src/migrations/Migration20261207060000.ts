import { Migration } from '@mikro-orm/migrations';

// The audit subgraph's runtime role, as it was named when this migration was written.
const runtime = 'steward_audit_app';

/**
 * The system audit chain: the deployment's own events (database administration, operator actions),
 * hash-chained like an organization's chain but in no organization. Append-only for the runtime
 * role; the head moves through a trigger running as the owner, so the runtime role cannot rewind it.
 * The last snapshot of the cluster's roles, which the periodic comparison diffs against.
 */
export class Migration20261207060000 extends Migration {
  override up(): void {
    this.addSql(`create table audit.system_events (
      sequence bigint primary key,
      id uuid not null unique,
      occurred_at timestamptz not null,
      source text not null,
      action text not null,
      actor text,
      metadata jsonb,
      previous_hash text,
      hash text not null)`);
    this.addSql(`create table audit.system_chain_head (
      singleton boolean primary key default true check (singleton),
      sequence bigint not null,
      hash text not null)`);
    this.addSql(`create function audit.move_system_chain_head() returns trigger language plpgsql
      security definer set search_path = pg_catalog, pg_temp as $$
      begin
        insert into audit.system_chain_head (singleton, sequence, hash)
          select true, n.sequence, n.hash from appended n order by n.sequence desc limit 1
          on conflict (singleton) do update set sequence = excluded.sequence, hash = excluded.hash
            where excluded.sequence > audit.system_chain_head.sequence;
        return null;
      end
    $$`);
    this.addSql('revoke all on function audit.move_system_chain_head() from public');
    this.addSql(`create trigger system_events_move_head after insert on audit.system_events
      referencing new table as appended for each statement execute function audit.move_system_chain_head()`);
    this.addSql(`create table audit.role_snapshots (
      singleton boolean primary key default true check (singleton),
      taken_at timestamptz not null,
      snapshot jsonb not null)`);
    this.addSql(`revoke update, delete, truncate on audit.system_events from ${runtime}`);
    this.addSql(`revoke insert, update, delete, truncate on audit.system_chain_head from ${runtime}`);
    this.addSql(`revoke delete, truncate on audit.role_snapshots from ${runtime}`);
  }

  override down(): void {
    this.addSql('drop table audit.role_snapshots');
    this.addSql('drop table audit.system_events');
    this.addSql('drop function audit.move_system_chain_head()');
    this.addSql('drop table audit.system_chain_head');
  }
}
