import { Migration } from '@mikro-orm/migrations';

/**
 * The regions where a deletion's subject held data, fixed before anything is deleted (as its
 * organizations are) and stated in its certificate: the organizations are gone by then.
 */
export class Migration20261206190100 extends Migration {
  override up(): void {
    this.addSql('alter table lifecycle.deletion_requests add column regions text[] null');
  }

  override down(): void {
    this.addSql('alter table lifecycle.deletion_requests drop column regions');
  }
}
