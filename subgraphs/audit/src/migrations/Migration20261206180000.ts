import { Migration } from '@mikro-orm/migrations';

// The audit subgraph's roles, as they were named when this migration was written.
const owner = 'steward_audit_owner';
const runtime = 'steward_audit_app';

/**
 * The runtime role only appends. The chain head moved through the runtime role's own INSERT …
 * ON CONFLICT DO UPDATE on audit.chain_heads, so that role could rewind a head at will and hide a
 * trimmed tail from verification. Now the head trigger runs as the owner (security definer) and
 * the runtime role keeps SELECT alone on the heads; nothing but an appended event moves a head.
 */
export class Migration20261206180000 extends Migration {
  override up(): void {
    this.addSql(`create or replace function audit.move_chain_heads() returns trigger language plpgsql
      security definer set search_path = pg_catalog, pg_temp as $$
      begin
        insert into audit.chain_heads (organization_id, sequence, hash)
          select distinct on (n.organization_id) n.organization_id, n.sequence, n.hash
            from appended n order by n.organization_id, n.sequence desc
          on conflict (organization_id) do update set sequence = excluded.sequence, hash = excluded.hash
            where excluded.sequence > audit.chain_heads.sequence;
        return null;
      end
    $$`);
    this.addSql('revoke all on function audit.move_chain_heads() from public');
    // RLS is forced: the owner, acting only in this trigger and in migrations, writes any head.
    this.addSql(
      `create policy chain_heads_owner_insert on audit.chain_heads for insert to ${owner} with check (true)`,
    );
    this.addSql(
      `create policy chain_heads_owner_advance on audit.chain_heads for update to ${owner} using (true) with check (true)`,
    );
    this.addSql(`revoke insert, update, delete, truncate on audit.chain_heads from ${runtime}`);
    // A head only ever advances, whoever writes it (the owner too): a rewound head is refused.
    this.addSql(`create function audit.refuse_head_rewind() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and new.sequence > old.sequence and new.organization_id = old.organization_id then
          return new;
        end if;
        raise exception 'audit.chain_heads only advances: % refused', tg_op
          using errcode = 'insufficient_privilege';
      end
    $$`);
    this.addSql(`create trigger chain_heads_advance_only before update or delete on audit.chain_heads
      for each row execute function audit.refuse_head_rewind()`);
    this.addSql(`create trigger chain_heads_no_truncate before truncate on audit.chain_heads
      for each statement execute function audit.refuse_head_rewind()`);
    // Everything else the runtime role holds on the append-only tables, stated again.
    this.addSql(`revoke update, delete, truncate on audit.events from ${runtime}`);
    this.addSql(`revoke insert, update, delete, truncate on audit.checkpoints from ${runtime}`);
  }

  override down(): void {
    this.addSql('drop trigger chain_heads_no_truncate on audit.chain_heads');
    this.addSql('drop trigger chain_heads_advance_only on audit.chain_heads');
    this.addSql('drop function audit.refuse_head_rewind()');
    this.addSql(`grant insert, update on audit.chain_heads to ${runtime}`);
    this.addSql('drop policy chain_heads_owner_advance on audit.chain_heads');
    this.addSql('drop policy chain_heads_owner_insert on audit.chain_heads');
    this.addSql(`alter function audit.move_chain_heads() security invoker`);
  }
}
