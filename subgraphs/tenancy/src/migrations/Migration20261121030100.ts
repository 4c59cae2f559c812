import { Migration } from '@mikro-orm/migrations';

/**
 * A request may be denied before any organization is known (a signed-out caller, a user asking
 * about an organization it does not belong to): its denial event has no organization, like
 * identity's personal events. Such rows may be added by any request and read by none but the relay.
 */
export class Migration20261121030100 extends Migration {
  override up(): void {
    this.addSql(
      `create policy audit_outbox_personal on tenancy.audit_outbox for insert with check (organization_id is null)`,
    );
  }

  override down(): void {
    this.addSql('drop policy audit_outbox_personal on tenancy.audit_outbox');
  }
}
