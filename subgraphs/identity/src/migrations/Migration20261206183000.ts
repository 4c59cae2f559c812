import { Migration } from '@mikro-orm/migrations';

export class Migration20261206183000 extends Migration {
  override up(): void {
    // Several live codes per email: a new code no longer kills the one its owner is typing.
    this.addSql(`alter table identity.sign_in_codes drop constraint sign_in_codes_pkey`);
    this.addSql(`alter table identity.sign_in_codes add column id uuid not null default gen_random_uuid()`);
    this.addSql(`alter table identity.sign_in_codes add primary key (id)`);
    this.addSql(`create index sign_in_codes_email_idx on identity.sign_in_codes (email, expires_at)`);
    // Sign-in mails sent to an address in its current hour: requestSignInCode's limit.
    this.addSql(`create table identity.sign_in_code_mails (
      email text primary key,
      window_started_at timestamptz not null,
      sent int not null check (sent >= 0),
      last_sent_at timestamptz not null)`);
    // How and when a session was authenticated: the base of re-authentication (recent sign-in).
    // Null reads as its sign-in (created_at): sessions of before, or inserted by other means.
    this.addSql(`alter table identity.sessions
      add column authenticated_at timestamptz null,
      add column authentication_methods text[] not null default '{}'`);
    this.addSql(`update identity.sessions set authenticated_at = created_at`);
  }

  override down(): void {
    this.addSql(
      'alter table identity.sessions drop column authenticated_at, drop column authentication_methods',
    );
    this.addSql('drop table identity.sign_in_code_mails');
    this.addSql('drop index identity.sign_in_codes_email_idx');
    this.addSql('alter table identity.sign_in_codes drop column id');
  }
}
