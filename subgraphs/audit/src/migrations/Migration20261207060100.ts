import { Migration } from '@mikro-orm/migrations';

// The audit subgraph's runtime role, as it was named when this migration was written.
const runtime = 'steward_audit_app';

/**
 * Incidents: the operator's record of what happened, which organizations it affects, the status
 * updates their admins read, and each notification (one per organization and change) with every
 * delivery attempt. The operator's data, not a tenant's: no row-level security, read only through
 * operator operations and, for an organization's admins, filtered to that organization.
 */
export class Migration20261207060100 extends Migration {
  override up(): void {
    this.addSql(`create table audit.incidents (
      id uuid primary key,
      title text not null,
      description text not null,
      severity text not null check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
      status text not null check (status in ('INVESTIGATING', 'IDENTIFIED', 'MONITORING', 'RESOLVED')),
      all_organizations boolean not null,
      detected_at timestamptz not null,
      declared_at timestamptz not null,
      declared_by uuid not null,
      notify_by timestamptz not null,
      updated_at timestamptz not null,
      closed_at timestamptz,
      organizations_expanded_at timestamptz)`);
    this.addSql(`create table audit.incident_organizations (
      incident_id uuid not null references audit.incidents (id),
      organization_id uuid not null,
      added_at timestamptz not null,
      primary key (incident_id, organization_id))`);
    this.addSql(
      'create index incident_organizations_by_organization on audit.incident_organizations (organization_id)',
    );
    this.addSql(`create table audit.incident_updates (
      id uuid primary key,
      incident_id uuid not null references audit.incidents (id),
      sequence int not null,
      posted_at timestamptz not null,
      posted_by uuid not null,
      status text not null,
      message text not null,
      unique (incident_id, sequence))`);
    this.addSql(`create table audit.incident_notifications (
      id uuid primary key,
      incident_id uuid not null references audit.incidents (id),
      organization_id uuid not null,
      update_sequence int not null,
      created_at timestamptz not null,
      chained_at timestamptz,
      delivered_at timestamptz,
      attempts int not null default 0,
      next_attempt_at timestamptz not null,
      last_error text,
      unique (incident_id, organization_id, update_sequence))`);
    this.addSql(
      'create index incident_notifications_due on audit.incident_notifications (next_attempt_at) where delivered_at is null',
    );
    this.addSql(`create table audit.incident_deliveries (
      id uuid primary key,
      notification_id uuid not null references audit.incident_notifications (id),
      recipient_user_id uuid not null,
      attempted_at timestamptz not null,
      outcome text not null check (outcome in ('SENT', 'FAILED')),
      error text)`);
    this.addSql(
      'create index incident_deliveries_by_notification on audit.incident_deliveries (notification_id)',
    );
    // Rows naming an organization: its admins read them in their tenant scope; operator operations
    // and the notification queue turn on the app.incident_operator setting for their own transaction (after the
    // isOperator rule, or in the queue), and a connection with neither sees nothing.
    for (const table of ['incident_organizations', 'incident_notifications']) {
      this.addSql(`alter table audit.${table} enable row level security`);
      this.addSql(`alter table audit.${table} force row level security`);
      this.addSql(
        `create policy ${table}_tenant_read on audit.${table} for select using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
      );
      this.addSql(
        `create policy ${table}_operator on audit.${table} using (current_setting('app.incident_operator', true) = 'on') with check (current_setting('app.incident_operator', true) = 'on')`,
      );
    }
    // The record only grows: updates and deliveries are never changed or removed by the runtime role
    // (a deleted user's deliveries go through the subject-data protocol, which deletes as the runtime role).
    this.addSql(
      `revoke update, truncate on audit.incident_updates, audit.incident_deliveries from ${runtime}`,
    );
    this.addSql(
      `revoke delete, truncate on audit.incidents, audit.incident_organizations, audit.incident_updates, audit.incident_notifications from ${runtime}`,
    );
  }

  override down(): void {
    this.addSql('drop table audit.incident_deliveries');
    this.addSql('drop table audit.incident_notifications');
    this.addSql('drop table audit.incident_updates');
    this.addSql('drop table audit.incident_organizations');
    this.addSql('drop table audit.incidents');
  }
}
