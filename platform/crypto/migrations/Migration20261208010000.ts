import { Migration } from '@mikro-orm/migrations';

/**
 * The subjects' key store (#18): data keys wrapped by the key-encryption key, in a schema apart
 * from the data, owned by steward_keys_owner. Who may do what:
 * - every subgraph's runtime role reads and creates keys, row-level security limiting identity to
 *   people's keys and tenancy to organizations' (audit and lifecycle seal or read both);
 * - only lifecycle's runtime role overwrites and deletes them (a deletion's first step), and
 *   records what it destroyed; nobody may update a tombstone or delete it;
 * - the owner (migrations, `npm run rotate-kek`) re-wraps them.
 */
export class Migration20261208010000 extends Migration {
  override up(): void {
    this.addSql(`create table subject_keys.data_keys (
      id uuid primary key,
      subject_kind text not null check (subject_kind in ('organization', 'person')),
      subject_id uuid not null,
      wrapped_key text not null,
      created_at timestamptz not null default now())`);
    // One data key per subject: 40 first uses at once create exactly one.
    this.addSql(
      `create unique index data_keys_subject_idx on subject_keys.data_keys (subject_kind, subject_id)`,
    );
    // An overwritten row's old version is a dead tuple until vacuumed: vacuum this table at once.
    this.addSql(`alter table subject_keys.data_keys set
      (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_cost_delay = 0)`);
    // Subjects whose keys were destroyed: no new key is ever created for them.
    this.addSql(`create table subject_keys.destroyed_subjects (
      subject_kind text not null check (subject_kind in ('organization', 'person')),
      subject_id uuid not null,
      destroyed_at timestamptz not null,
      primary key (subject_kind, subject_id))`);
    // What was destroyed, for certificates (no key material).
    this.addSql(`create table subject_keys.destroyed_keys (
      id uuid primary key,
      subject_kind text not null check (subject_kind in ('organization', 'person')),
      subject_id uuid not null,
      created_at timestamptz not null,
      destroyed_at timestamptz not null)`);
    this.addSql(
      `create index destroyed_keys_subject_idx on subject_keys.destroyed_keys (subject_kind, subject_id)`,
    );

    this.addSql(`grant usage on schema subject_keys to
      steward_identity_app, steward_tenancy_app, steward_audit_app, steward_lifecycle_app`);
    this.addSql(`grant select, insert on subject_keys.data_keys to
      steward_identity_app, steward_tenancy_app, steward_audit_app, steward_lifecycle_app`);
    this.addSql(`grant update, delete on subject_keys.data_keys to steward_lifecycle_app`);
    this.addSql(`grant select on subject_keys.destroyed_subjects, subject_keys.destroyed_keys to
      steward_identity_app, steward_tenancy_app, steward_audit_app, steward_lifecycle_app`);
    this.addSql(
      `grant insert on subject_keys.destroyed_subjects, subject_keys.destroyed_keys to steward_lifecycle_app`,
    );

    this.addSql(`alter table subject_keys.data_keys enable row level security`);
    this.addSql(`alter table subject_keys.data_keys force row level security`);
    this.addSql(`create policy identity_people on subject_keys.data_keys to steward_identity_app
      using (subject_kind = 'person') with check (subject_kind = 'person')`);
    this.addSql(`create policy tenancy_organizations on subject_keys.data_keys to steward_tenancy_app
      using (subject_kind = 'organization') with check (subject_kind = 'organization')`);
    this.addSql(`create policy audit_subjects on subject_keys.data_keys to steward_audit_app
      using (true) with check (true)`);
    this.addSql(`create policy lifecycle_subjects on subject_keys.data_keys to steward_lifecycle_app
      using (true) with check (true)`);
    this.addSql(`create policy owner_rewraps on subject_keys.data_keys to steward_keys_owner
      using (true) with check (true)`);
  }

  override down(): void {
    this.addSql(`drop table subject_keys.destroyed_keys`);
    this.addSql(`drop table subject_keys.destroyed_subjects`);
    this.addSql(`drop table subject_keys.data_keys`);
  }
}
