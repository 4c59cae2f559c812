import { Migration } from '@mikro-orm/migrations';

const DEVICE_TYPES = `('DESKTOP','MOBILE','TABLET','BOT','UNKNOWN')`;

export class Migration20261121010000 extends Migration {
  override up(): void {
    // argon2id PHC strings; null for users who sign in without a password.
    this.addSql(
      `alter table identity.users add column password_hash text null check (password_hash like '$argon2id$%')`,
    );
    // One live code per email (a new one replaces it); only a salted HMAC of the code is kept.
    this.addSql(`create table identity.sign_in_codes (
      email text primary key,
      code_salt text not null check (code_salt ~ '^[0-9a-f]{32}$'),
      code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
      wrong_tries int not null default 0,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz null)`);
    this.addSql(`create table identity.sign_in_attempts (
      id uuid primary key,
      seq bigint generated always as identity,
      user_id uuid null references identity.users (id) on delete cascade,
      email text not null,
      method text not null check (method in ('EMAIL_CODE','PASSWORD','OIDC','DEVELOPMENT')),
      outcome text not null check (outcome in ('SUCCESS','FAILURE','LOCKED')),
      ip text null,
      user_agent text null,
      device_type text not null check (device_type in ${DEVICE_TYPES}),
      occurred_at timestamptz not null)`);
    this.addSql(
      `create index sign_in_attempts_user_idx on identity.sign_in_attempts (user_id, occurred_at desc, seq desc)`,
    );
    // Brute-force counters, keyed 'email:<address>' or 'ip:<address>'.
    this.addSql(`create table identity.sign_in_throttles (
      key text primary key,
      failures int not null default 0,
      last_failure_at timestamptz null,
      locked_until timestamptz null)`);
    // A user's own events (sign-ins, password changes) belong to no organization until delivery
    // fans them out; API key and admin events belong to one, and are tenant data like any other.
    // So the outbox is under RLS: rows of an organization stay in its tenant scope, rows of none
    // may be added by any request and read by none, and the relay reads and marks them all.
    for (const sql of [
      `create table identity.audit_outbox (
      id uuid primary key,
      occurred_at timestamptz not null default now(),
      organization_id uuid null,
      event jsonb not null,
      delivered_at timestamptz null)`,
      `create index audit_outbox_undelivered_idx on identity.audit_outbox (occurred_at) where delivered_at is null`,
      `alter table identity.audit_outbox enable row level security`,
      `alter table identity.audit_outbox force row level security`,
      `create policy audit_outbox_tenant_isolation on identity.audit_outbox using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
      `create policy audit_outbox_personal on identity.audit_outbox for insert with check (organization_id is null)`,
      `create policy audit_outbox_relay on identity.audit_outbox using (current_setting('app.audit_relay', true) = 'on') with check (current_setting('app.audit_relay', true) = 'on')`,
    ]) {
      this.addSql(sql);
    }
  }

  override down(): void {
    this.addSql('drop table identity.audit_outbox');
    this.addSql('drop table identity.sign_in_throttles');
    this.addSql('drop table identity.sign_in_attempts');
    this.addSql('drop table identity.sign_in_codes');
    this.addSql('alter table identity.users drop column password_hash');
  }
}
