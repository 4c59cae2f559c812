import { Migration } from '@mikro-orm/migrations';

/**
 * Incident notices by webhook: an affected organization's audit streams carry the incident's event
 * of its chain, and each stream's delivery of it (or failure) is recorded beside the mails
 * (`channel`, `stream_id`). A notification names the streams it is owed to when it is chained
 * (`webhook_stream_ids`). Operator operations and the notification queue read the streams' ids
 * and state (never shown: only counted) under the incident operator setting.
 */
export class Migration20261208060000 extends Migration {
  override up(): void {
    this.addSql(`alter table audit.incident_deliveries
      add column channel text not null default 'MAIL' check (channel in ('MAIL', 'WEBHOOK')),
      add column stream_id uuid,
      alter column recipient_user_id drop not null`);
    this.addSql(`alter table audit.incident_deliveries add constraint incident_deliveries_addressee check (
      (channel = 'MAIL' and recipient_user_id is not null and stream_id is null)
      or (channel = 'WEBHOOK' and recipient_user_id is null and stream_id is not null))`);
    this.addSql(
      `alter table audit.incident_notifications add column webhook_stream_ids uuid[] not null default '{}'`,
    );
    this.addSql(
      `create policy streams_incident_operator on audit.streams for select using (current_setting('app.incident_operator', true) = 'on')`,
    );
  }

  override down(): void {
    this.addSql('drop policy streams_incident_operator on audit.streams');
    this.addSql('alter table audit.incident_notifications drop column webhook_stream_ids');
    this.addSql(`delete from audit.incident_deliveries where channel = 'WEBHOOK'`);
    this.addSql(`alter table audit.incident_deliveries drop constraint incident_deliveries_addressee,
      drop column stream_id, drop column channel, alter column recipient_user_id set not null`);
  }
}
