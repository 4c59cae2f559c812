import { Migration } from '@mikro-orm/migrations';

export class Migration20261121050000 extends Migration {
  override up(): void {
    // Counts and cursors of subject deletions, committed with each batch: a crash resumes them.
    this.addSql(`create table audit.lifecycle_destructions (
    request_id uuid not null,
    type text not null,
    strategy text not null check (strategy in ('ERASE','ANONYMIZE','RETAIN')),
    count bigint not null default 0,
    cursor text null,
    done boolean not null default false,
    updated_at timestamptz not null default now(),
    primary key (request_id, type))`);
  }

  override down(): void {
    this.addSql('drop table audit.lifecycle_destructions');
  }
}
