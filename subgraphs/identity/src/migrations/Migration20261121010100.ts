import { Migration } from '@mikro-orm/migrations';

export class Migration20261121010100 extends Migration {
  override up(): void {
    // Not tenant data (no user is known until a flow completes), so no row-level security.
    this.addSql(`create table identity.oidc_flows (
      id uuid primary key,
      provider text not null,
      state_hash text not null unique,
      code_verifier text not null,
      nonce text not null,
      redirect_uri text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      consumed_at timestamptz null)`);
    this.addSql(`create index oidc_flows_expires_at_idx on identity.oidc_flows (expires_at)`);
  }

  override down(): void {
    this.addSql('drop table identity.oidc_flows');
  }
}
