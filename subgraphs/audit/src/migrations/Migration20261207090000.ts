import { Migration } from '@mikro-orm/migrations';

const tenant = `organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])`;
const delivery = `current_setting('app.audit_stream_delivery', true) = 'on'`;

/**
 * Audit streams: an organization's webhooks that receive its chain in sequence order. The secret
 * is sealed (AES-256-GCM under AUDIT_STREAM_KEY, bound to the row): delivery needs it in clear to
 * sign, so it cannot be hashed. `delivered_sequence` is the last event the receiver acknowledged;
 * `lease_until`/`lease_token` keep replicas from delivering one stream at once.
 */
export class Migration20261207090000 extends Migration {
  override up(): void {
    this.addSql(`create table audit.streams (
      id uuid primary key,
      organization_id uuid not null,
      url text not null,
      secret_sealed text not null,
      enabled boolean not null default true,
      format text not null default 'STEWARD' check (format in ('STEWARD', 'OCSF')),
      created_at timestamptz not null,
      created_by text,
      updated_at timestamptz not null,
      delivered_sequence bigint not null default 0,
      last_delivered_at timestamptz,
      last_error text,
      last_error_at timestamptz,
      failures integer not null default 0,
      next_attempt_at timestamptz not null,
      lease_until timestamptz,
      lease_token uuid)`);
    this.addSql('create index streams_organization on audit.streams (organization_id)');
    this.addSql('create index streams_due on audit.streams (next_attempt_at) where enabled');
    this.addSql('alter table audit.streams enable row level security');
    this.addSql('alter table audit.streams force row level security');
    this.addSql(
      `create policy streams_tenant_isolation on audit.streams using (${tenant}) with check (${tenant})`,
    );
    // The delivery loop claims due streams of every organization, then delivers each in its scope.
    this.addSql(
      `create policy streams_delivery on audit.streams using (${delivery}) with check (${delivery})`,
    );
  }

  override down(): void {
    this.addSql('drop table audit.streams');
  }
}
