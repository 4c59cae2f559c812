import { Migration } from '@mikro-orm/migrations';

const owner = 'steward_audit_owner';
const runtime = 'steward_audit_app';

/** The transaction-local setting under which the append-only trigger lets a DELETE through. */
const PURGING = 'audit.purging';

/**
 * Retention: per-organization periods (never below 12 months), signed checkpoints of purged
 * prefixes, and the one way to delete events: `audit.purge_events`, a security definer function
 * owned by the owner role. The runtime role still holds no UPDATE, DELETE or TRUNCATE on events.
 */
export class Migration20261121030000 extends Migration {
  override up(): void {
    this.addSql(`create table audit.retention (
      organization_id uuid primary key,
      keep_months int not null default 12 check (keep_months >= 12),
      updated_at timestamptz not null default now())`);
    this.addSql(`alter table audit.retention enable row level security`);
    this.addSql(`alter table audit.retention force row level security`);
    this.addSql(
      `create policy retention_tenant_isolation on audit.retention using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
    );

    this.addSql(`create table audit.checkpoints (
      organization_id uuid not null,
      sequence bigint not null check (sequence > 0),
      hash text not null check (hash ~ '^[0-9a-f]{64}$'),
      purged_at timestamptz not null,
      key_id text not null check (key_id ~ '^[0-9a-f]{16}$'),
      signature text not null check (signature <> ''),
      primary key (organization_id, sequence))`);
    this.addSql(`alter table audit.checkpoints enable row level security`);
    this.addSql(`alter table audit.checkpoints force row level security`);
    this.addSql(
      `create policy checkpoints_tenant_isolation on audit.checkpoints using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
    );
    // Written only by purge_events; as append-only as the events themselves.
    this.addSql(`revoke insert, update, delete, truncate on audit.checkpoints from ${runtime}`);
    this.addSql(`create function audit.refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception '%.% is append-only: % refused', tg_table_schema, tg_table_name, tg_op
          using errcode = 'insufficient_privilege';
      end
    $$`);
    this.addSql(`create trigger checkpoints_append_only before update or delete on audit.checkpoints
      for each row execute function audit.refuse_change()`);
    this.addSql(`create trigger checkpoints_no_truncate before truncate on audit.checkpoints
      for each statement execute function audit.refuse_change()`);

    // Deletes pass only while purge_events has the setting on. The setting alone grants nothing:
    // the runtime role has no DELETE privilege, so only the owner (purge_events, or a migration
    // that sets it on purpose) can delete, never by accident; UPDATE and TRUNCATE stay refused.
    this.addSql(`create or replace function audit.refuse_event_change() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('${PURGING}', true) = 'on' then
          return old;
        end if;
        raise exception 'audit.events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end
    $$`);

    // RLS is forced, so even the owner needs policies: what purge_events and the sweep's listing
    // read and delete, for the owner alone, whom only migrations and these functions act as.
    this.addSql(`create policy events_owner_read on audit.events for select to ${owner} using (true)`);
    this.addSql(`create policy events_owner_purge on audit.events for delete to ${owner} using (true)`);
    this.addSql(
      `create policy checkpoints_owner_read on audit.checkpoints for select to ${owner} using (true)`,
    );
    this.addSql(
      `create policy checkpoints_owner_write on audit.checkpoints for insert to ${owner} with check (true)`,
    );
    this.addSql(`create policy retention_owner_read on audit.retention for select to ${owner} using (true)`);

    // Each chain's last link, so an append finds it with one primary-key read (see chain-head.ts).
    this.addSql(`create table audit.chain_heads (
      organization_id uuid primary key,
      sequence bigint not null check (sequence > 0),
      hash text not null check (hash ~ '^[0-9a-f]{64}$'))`);
    this.addSql(`insert into audit.chain_heads (organization_id, sequence, hash)
      select distinct on (organization_id) organization_id, sequence, hash
        from audit.events order by organization_id, sequence desc`);
    this.addSql(`alter table audit.chain_heads enable row level security`);
    this.addSql(`alter table audit.chain_heads force row level security`);
    this.addSql(
      `create policy chain_heads_tenant_isolation on audit.chain_heads using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
    );
    this.addSql(`revoke delete, truncate on audit.chain_heads from ${runtime}`);
    this.addSql(
      `create policy chain_heads_owner_read on audit.chain_heads for select to ${owner} using (true)`,
    );
    // Kept by the inserts themselves, once per statement, so no writer can leave it behind.
    this.addSql(`create function audit.move_chain_heads() returns trigger language plpgsql as $$
      begin
        insert into audit.chain_heads (organization_id, sequence, hash)
          select distinct on (n.organization_id) n.organization_id, n.sequence, n.hash
            from appended n order by n.organization_id, n.sequence desc
          on conflict (organization_id) do update set sequence = excluded.sequence, hash = excluded.hash
            where excluded.sequence > audit.chain_heads.sequence;
        return null;
      end
    $$`);
    this.addSql(`create trigger events_move_chain_heads after insert on audit.events
      referencing new table as appended for each statement execute function audit.move_chain_heads()`);

    // Deletes a prefix of one organization's chain after storing its signed checkpoint. It checks
    // what a caller cannot be trusted with: the hash is the stored one, and every event of the
    // prefix is older than the organization's retention period (at least 12 months).
    this.addSql(`create function audit.purge_events(
        p_organization_id uuid, p_through_sequence bigint, p_hash text,
        p_purged_at timestamptz, p_key_id text, p_signature text)
      returns bigint language plpgsql security definer
      set search_path = pg_catalog, pg_temp
      as $$
      declare
        v_months int;
        v_first bigint;
        v_deleted bigint;
      begin
        perform pg_advisory_xact_lock(hashtext('audit:' || p_organization_id::text));
        select greatest(coalesce(max(r.keep_months), 12), 12) into v_months
          from audit.retention r where r.organization_id = p_organization_id;
        if not exists (select 1 from audit.events e where e.organization_id = p_organization_id
                         and e.sequence = p_through_sequence and e.hash = p_hash) then
          raise exception 'audit purge: no event % with that hash', p_through_sequence
            using errcode = 'check_violation';
        end if;
        -- Bounded below too (the chain starts after its last checkpoint), so the check reads a range
        -- of the (organization_id, sequence) index.
        select coalesce(max(c.sequence), 0) + 1 into v_first
          from audit.checkpoints c where c.organization_id = p_organization_id;
        if exists (select 1 from audit.events e where e.organization_id = p_organization_id
                     and e.sequence between v_first and p_through_sequence
                     and e.occurred_at >= now() - make_interval(months => v_months)) then
          raise exception 'audit purge: events up to % are within the retention period', p_through_sequence
            using errcode = 'check_violation';
        end if;
        if abs(extract(epoch from (p_purged_at - now()))) > 3600 then
          raise exception 'audit purge: purged_at is not now' using errcode = 'check_violation';
        end if;
        insert into audit.checkpoints (organization_id, sequence, hash, purged_at, key_id, signature)
          values (p_organization_id, p_through_sequence, p_hash, p_purged_at, p_key_id, p_signature);
        perform set_config('${PURGING}', 'on', true);
        delete from audit.events e where e.organization_id = p_organization_id
          and e.sequence <= p_through_sequence;
        get diagnostics v_deleted = row_count;
        perform set_config('${PURGING}', 'off', true);
        return v_deleted;
      end
    $$`);

    // The organizations whose oldest kept event is past their retention: the sweep's work list,
    // which the runtime role cannot see itself (RLS). Ids only; a few index probes per chain.
    this.addSql(`create function audit.organizations_due_for_purge(p_limit int)
      returns table (organization_id uuid) language sql stable security definer
      set search_path = pg_catalog, pg_temp
      as $$
        select h.organization_id from audit.chain_heads h
         where (select e.occurred_at from audit.events e
                 where e.organization_id = h.organization_id
                   and e.sequence = (select coalesce(max(c.sequence), 0) + 1 from audit.checkpoints c
                                      where c.organization_id = h.organization_id))
               < now() - make_interval(months => greatest(coalesce(
                   (select r.keep_months from audit.retention r where r.organization_id = h.organization_id), 12), 12))
         limit p_limit
      $$`);
    for (const fn of [
      'audit.purge_events(uuid, bigint, text, timestamptz, text, text)',
      'audit.organizations_due_for_purge(int)',
    ]) {
      this.addSql(`revoke all on function ${fn} from public`);
      this.addSql(`grant execute on function ${fn} to ${runtime}`);
    }
  }

  override down(): void {
    this.addSql('drop function audit.organizations_due_for_purge(int)');
    this.addSql('drop function audit.purge_events(uuid, bigint, text, timestamptz, text, text)');
    this.addSql('drop policy events_owner_read on audit.events');
    this.addSql('drop policy events_owner_purge on audit.events');
    this.addSql(`create or replace function audit.refuse_event_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit.events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end
    $$`);
    this.addSql('drop trigger events_move_chain_heads on audit.events');
    this.addSql('drop function audit.move_chain_heads()');
    this.addSql('drop table audit.chain_heads');
    this.addSql('drop table audit.checkpoints');
    this.addSql('drop function audit.refuse_change()');
    this.addSql('drop table audit.retention');
  }
}
