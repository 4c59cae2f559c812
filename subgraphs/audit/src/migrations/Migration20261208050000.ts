import { Migration } from '@mikro-orm/migrations';

const owner = 'steward_audit_owner';
const runtime = 'steward_audit_app';
const tenant = `organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])`;

/**
 * Incremental verification of organizations' audit chains:
 * - `verified_checkpoints`: signed (sequence, hash, verified_at) of chains verified up to there,
 *   where `auditChain` starts re-hashing; append-only like the events (the signature, not the row,
 *   is what a verifier trusts: the runtime role can insert, never sign without the key);
 * - `chain_verifications`: the full verifications run as jobs, with their results;
 * - `organizations_due_for_checkpoint`: the chains grown far enough past their last checkpoint,
 *   across organizations, for the scheduled checkpointer (which then works in each one's scope).
 * Both tables are keyed by organization first, as Citus distributes them.
 */
export class Migration20261208050000 extends Migration {
  override up(): void {
    this.addSql(`create table audit.verified_checkpoints (
      organization_id uuid not null,
      sequence bigint not null check (sequence > 0),
      hash text not null check (hash ~ '^[0-9a-f]{64}$'),
      verified_at timestamptz not null,
      key_id text not null check (key_id ~ '^[0-9a-f]{16}$'),
      signature text not null check (signature <> ''),
      primary key (organization_id, sequence))`);
    this.addSql('alter table audit.verified_checkpoints enable row level security');
    this.addSql('alter table audit.verified_checkpoints force row level security');
    this.addSql(
      `create policy verified_checkpoints_tenant_isolation on audit.verified_checkpoints using (${tenant}) with check (${tenant})`,
    );
    this.addSql(
      `create policy verified_checkpoints_owner_read on audit.verified_checkpoints for select to ${owner} using (true)`,
    );
    this.addSql(`revoke update, delete, truncate on audit.verified_checkpoints from ${runtime}`);
    this.addSql(`grant select, insert on audit.verified_checkpoints to ${runtime}`);
    this
      .addSql(`create trigger verified_checkpoints_append_only before update or delete on audit.verified_checkpoints
      for each row execute function audit.refuse_change()`);
    this.addSql(`create trigger verified_checkpoints_no_truncate before truncate on audit.verified_checkpoints
      for each statement execute function audit.refuse_change()`);

    this.addSql(`create table audit.chain_verifications (
      organization_id uuid not null,
      id uuid not null,
      status text not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
      requested_at timestamptz not null,
      started_at timestamptz,
      completed_at timestamptz,
      valid boolean,
      events bigint,
      broken_at bigint,
      break_reason text,
      head_sequence bigint,
      head_hash text,
      error text,
      primary key (organization_id, id))`);
    this.addSql(
      'create index chain_verifications_recent on audit.chain_verifications (organization_id, requested_at desc)',
    );
    this.addSql('alter table audit.chain_verifications enable row level security');
    this.addSql('alter table audit.chain_verifications force row level security');
    this.addSql(
      `create policy chain_verifications_tenant_isolation on audit.chain_verifications using (${tenant}) with check (${tenant})`,
    );
    this.addSql(`revoke delete, truncate on audit.chain_verifications from ${runtime}`);
    this.addSql(`grant select, insert, update on audit.chain_verifications to ${runtime}`);

    this.addSql(`create function audit.organizations_due_for_checkpoint(p_min_events int, p_limit int)
      returns table (organization_id uuid) language sql stable security definer
      set search_path = pg_catalog, pg_temp
      as $$
        select h.organization_id from audit.chain_heads h
         where h.sequence - greatest(
                 coalesce((select max(v.sequence) from audit.verified_checkpoints v
                            where v.organization_id = h.organization_id), 0),
                 coalesce((select max(c.sequence) from audit.checkpoints c
                            where c.organization_id = h.organization_id), 0)) >= p_min_events
         limit p_limit
      $$`);
    this.addSql('revoke all on function audit.organizations_due_for_checkpoint(int, int) from public');
    this.addSql(`grant execute on function audit.organizations_due_for_checkpoint(int, int) to ${runtime}`);
  }

  override down(): void {
    this.addSql('drop function audit.organizations_due_for_checkpoint(int, int)');
    this.addSql('drop table audit.chain_verifications');
    this.addSql('drop table audit.verified_checkpoints');
  }
}
