import { Migration } from '@mikro-orm/migrations';
import { destructionProgressSql } from '../../../protocols/subject-data/destroy-route.ts';

export class Migration20261121050000 extends Migration {
  override up(): void {
    // Counts and cursors of subject deletions, committed with each batch: a crash resumes them.
    for (const sql of destructionProgressSql('audit')) this.addSql(sql);
  }

  override down(): void {
    this.addSql('drop table audit.lifecycle_destructions');
  }
}
