import { Migration } from '@mikro-orm/migrations';

/**
 * The erasure ledger and the backup records. Neither holds tenant data: the ledger holds the ids
 * of subjects that no longer exist (no names, no reasons), the backups and drills are the
 * deployment's own. Both are read by system work only, never through the graph's tenant paths,
 * so they have no row-level security; the ledger is append-only for the runtime role.
 */
export class Migration20261208030000 extends Migration {
  override up(): void {
    this.addSql(`create table lifecycle.erasure_ledger (
      deletion_id uuid primary key,
      subject_kind text not null check (subject_kind in ('organization','user','member')),
      organization_id uuid null,
      user_id uuid null,
      organization_ids uuid[] not null default '{}',
      certificate_id uuid not null,
      completed_at timestamptz not null,
      recorded_at timestamptz not null default now(),
      check (organization_id is not null or user_id is not null))`);
    this.addSql(`create index erasure_ledger_completed_idx on lifecycle.erasure_ledger (completed_at)`);
    // A deletion, once recorded, stays recorded: the runtime role appends and reads only.
    this.addSql(`revoke update, delete, truncate on lifecycle.erasure_ledger from steward_lifecycle_app`);
    this.addSql(`create table lifecycle.backups (
      id uuid primary key,
      status text not null default 'RUNNING' check (status in ('RUNNING','COMPLETED','FAILED','DELETED')),
      started_at timestamptz not null default now(),
      completed_at timestamptz null,
      snapshot_at timestamptz null,
      expires_at timestamptz not null,
      size_bytes bigint null,
      sha256 text null,
      tables int null,
      rows bigint null,
      ledger_entries int null,
      error text null,
      deleted_at timestamptz null,
      check ((status = 'COMPLETED') <= (sha256 is not null and size_bytes is not null)))`);
    this.addSql(
      `create index backups_expiry_idx on lifecycle.backups (expires_at) where status <> 'DELETED'`,
    );
    this.addSql(`create table lifecycle.restore_drills (
      id uuid primary key,
      backup_id uuid not null,
      started_at timestamptz not null,
      completed_at timestamptz not null,
      rto_ms bigint not null,
      rpo_ms bigint not null,
      tables int not null,
      rows bigint not null,
      ledger_reapplied int not null,
      audit_chains int not null,
      passed boolean not null,
      problems text[] not null default '{}')`);
  }

  override down(): void {
    this.addSql('drop table lifecycle.restore_drills');
    this.addSql('drop table lifecycle.backups');
    this.addSql('drop table lifecycle.erasure_ledger');
  }
}
