import { Migration } from '@mikro-orm/migrations';

/**
 * Operators granted by another operator (beside those named in STEWARD_OPERATORS). One row per
 * user: a revoked grant keeps who granted and revoked it until the user is deleted.
 */
export class Migration20261207060300 extends Migration {
  override up(): void {
    this.addSql(`create table identity.operator_grants (
      user_id uuid primary key references identity.users (id) on delete cascade,
      granted_by uuid not null,
      granted_at timestamptz not null,
      revoked_by uuid,
      revoked_at timestamptz)`);
  }

  override down(): void {
    this.addSql('drop table identity.operator_grants');
  }
}
