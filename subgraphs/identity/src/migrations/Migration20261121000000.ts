import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000000 extends Migration {
  override up(): void {
    this.addSql(`create table identity.users (
      id uuid primary key,
      email text not null unique,
      display_name text null,
      created_at timestamptz not null default now())`);
    this.addSql(`create table identity.sessions (
      id uuid primary key,
      user_id uuid not null references identity.users (id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text null,
      user_agent text null,
      device_type text not null check (device_type in ('DESKTOP','MOBILE','TABLET','BOT','UNKNOWN')),
      revoked_at timestamptz null)`);
    this.addSql(`create index sessions_user_id_idx on identity.sessions (user_id)`);
  }

  override down(): void {
    this.addSql('drop table identity.sessions');
    this.addSql('drop table identity.users');
  }
}
