import { Migration } from '@mikro-orm/migrations';

export class Migration20261207030000 extends Migration {
  override up(): void {
    // One authenticator app per person. The secret is AES-256-GCM ciphertext under
    // STEWARD_FACTOR_KEY; last_used_step makes each code single use within its window.
    this.addSql(`create table identity.totp_factors (
      user_id uuid primary key references identity.users (id) on delete cascade,
      secret_ciphertext text not null,
      confirmed_at timestamptz null,
      last_used_step bigint null,
      created_at timestamptz not null default now())`);
    // Ten per person, HMAC-SHA-256 (STEWARD_FACTOR_KEY) of a random code; regenerating deletes the old set.
    this.addSql(`create table identity.recovery_codes (
      id uuid primary key,
      user_id uuid not null references identity.users (id) on delete cascade,
      code_hash text not null unique check (code_hash ~ '^[0-9a-f]{64}$'),
      created_at timestamptz not null default now(),
      used_at timestamptz null)`);
    this.addSql(`create index recovery_codes_user_id_idx on identity.recovery_codes (user_id)`);
    // A first factor given, the second awaited: minutes-long, single use, only its hash stored.
    this.addSql(`create table identity.sign_in_challenges (
      id uuid primary key,
      user_id uuid not null references identity.users (id) on delete cascade,
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      first_method text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      completed_at timestamptz null)`);
    this.addSql(`create index sign_in_challenges_user_id_idx on identity.sign_in_challenges (user_id)`);
    // Second factors are sign-in attempts too (PASSKEY: the passkeys work, same list).
    this.addSql(`alter table identity.sign_in_attempts drop constraint sign_in_attempts_method_check`);
    this.addSql(`alter table identity.sign_in_attempts add constraint sign_in_attempts_method_check
      check (method in ('EMAIL_CODE','PASSWORD','OIDC','DEVELOPMENT','TOTP','RECOVERY_CODE','PASSKEY'))`);
  }

  override down(): void {
    this.addSql(`alter table identity.sign_in_attempts drop constraint sign_in_attempts_method_check`);
    this.addSql(`alter table identity.sign_in_attempts add constraint sign_in_attempts_method_check
      check (method in ('EMAIL_CODE','PASSWORD','OIDC','DEVELOPMENT'))`);
    this.addSql('drop table identity.sign_in_challenges');
    this.addSql('drop table identity.recovery_codes');
    this.addSql('drop table identity.totp_factors');
  }
}
