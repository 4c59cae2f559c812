import { Migration } from '@mikro-orm/migrations';
import { policiesOncePerStatementSql } from '../../../runtime/tenant-isolation.ts';

export class Migration20261121080000 extends Migration {
  override up(): void {
    // Row-level security read its settings once per row; a scalar subquery reads them once per
    // statement (a million-row export or deletion notices: docs/PERFORMANCE.md, Lifecycle).
    this.addSql(policiesOncePerStatementSql('lifecycle'));
  }

  override down(): void {
    // The rewritten policies mean the same: nothing to undo.
  }
}
