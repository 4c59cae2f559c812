import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000200 extends Migration {
  override up(): void {
    this.addSql(`create table audit.events (
      id uuid primary key,
      organization_id uuid not null,
      sequence bigint not null check (sequence > 0),
      occurred_at timestamptz not null,
      action text not null check (action <> ''),
      outcome text not null check (outcome in ('SUCCESS','DENIED','FAILURE')),
      actor_type text not null check (actor_type in ('USER','API_KEY','SYSTEM')),
      actor_id text null,
      actor_ip text null,
      actor_user_agent text null,
      actor_device_type text null,
      target_type text null,
      target_id text null,
      metadata jsonb null,
      previous_hash text null check (previous_hash ~ '^[0-9a-f]{64}$'),
      hash text not null check (hash ~ '^[0-9a-f]{64}$'),
      check ((sequence = 1) = (previous_hash is null)))`);
    // Serves uniqueness of the chain position and the newest-first pages alike.
    this.addSql(
      `create unique index events_organization_sequence_idx on audit.events (organization_id, sequence desc)`,
    );
    this.addSql(
      `create index events_organization_occurred_at_idx on audit.events (organization_id, occurred_at)`,
    );
    this.addSql(`alter table audit.events enable row level security`);
    this.addSql(`alter table audit.events force row level security`);
    this.addSql(
      `create policy events_tenant_isolation on audit.events using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
    );

    // Append-only, twice: the runtime role lacks the privileges, and triggers refuse even the owner.
    this.addSql(`revoke update, delete, truncate on audit.events from steward_audit_app`);
    this.addSql(`create function audit.refuse_event_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit.events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end
    $$`);
    this.addSql(`create trigger events_append_only before update or delete on audit.events
      for each row execute function audit.refuse_event_change()`);
    this.addSql(`create trigger events_no_truncate before truncate on audit.events
      for each statement execute function audit.refuse_event_change()`);
  }

  override down(): void {
    this.addSql('drop table audit.events');
    this.addSql('drop function audit.refuse_event_change()');
  }
}
