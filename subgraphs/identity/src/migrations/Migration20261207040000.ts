import { Migration } from '@mikro-orm/migrations';

export class Migration20261207040000 extends Migration {
  override up(): void {
    // A person's own sign-in method, not an organization's data (like sessions): no tenant, no RLS;
    // every read is by the signed-in user's id or by a credential id only its authenticator knows.
    this.addSql(`create table identity.passkeys (
      id uuid primary key,
      user_id uuid not null references identity.users (id) on delete cascade,
      credential_id text not null unique
        check (credential_id ~ '^[A-Za-z0-9_-]+$' and length(credential_id) between 16 and 1366),
      public_key bytea not null check (octet_length(public_key) between 1 and 4096),
      sign_count bigint not null check (sign_count >= 0),
      transports text[] not null default '{}',
      attestation_format text not null,
      aaguid text not null,
      backed_up boolean not null,
      name text not null check (length(name) between 1 and 100),
      created_at timestamptz not null,
      last_used_at timestamptz null)`);
    this.addSql(`create index passkeys_user_id_idx on identity.passkeys (user_id)`);
    // Challenges waiting for the browser: minutes-long, spent by their first answer.
    this.addSql(`create table identity.passkey_ceremonies (
      id uuid primary key,
      purpose text not null check (purpose in ('REGISTRATION','AUTHENTICATION')),
      user_id uuid null references identity.users (id) on delete cascade,
      email text null,
      challenge text not null unique,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      consumed_at timestamptz null,
      check (purpose = 'AUTHENTICATION' or user_id is not null))`);
    this.addSql(`create index passkey_ceremonies_expires_at_idx on identity.passkey_ceremonies (expires_at)`);
    this.addSql(`create index passkey_ceremonies_user_id_idx on identity.passkey_ceremonies (user_id)`);
    // MERGE NOTE: the factors migration widens this same check; the one that runs last must list every method.
    this.addSql(
      `alter table identity.sign_in_attempts drop constraint if exists sign_in_attempts_method_check`,
    );
    this.addSql(`alter table identity.sign_in_attempts add constraint sign_in_attempts_method_check
      check (method in ('EMAIL_CODE','PASSWORD','OIDC','DEVELOPMENT','PASSKEY'))`);
  }

  override down(): void {
    this.addSql(`alter table identity.sign_in_attempts drop constraint sign_in_attempts_method_check`);
    this.addSql(`alter table identity.sign_in_attempts add constraint sign_in_attempts_method_check
      check (method in ('EMAIL_CODE','PASSWORD','OIDC','DEVELOPMENT'))`);
    this.addSql('drop table identity.passkey_ceremonies');
    this.addSql('drop table identity.passkeys');
  }
}
