import { Migration } from '@mikro-orm/migrations';

const owner = 'steward_identity_owner';
const runtime = 'steward_identity_app';

export class Migration20261121010200 extends Migration {
  override up(): void {
    // created_by is identity's user, but keys belong to the organization: no foreign key, the key
    // outlives its creator's account.
    this.addSql(`create table identity.api_keys (
      id uuid primary key,
      organization_id uuid not null,
      name text not null check (length(name) between 1 and 100),
      prefix text not null unique check (prefix ~ '^[A-Za-z0-9]{8}$'),
      secret_hash text not null check (secret_hash ~ '^[0-9a-f]{64}$'),
      scopes text[] not null check (cardinality(scopes) > 0),
      created_by uuid null,
      created_at timestamptz not null default now(),
      expires_at timestamptz null,
      last_used_at timestamptz null,
      revoked_at timestamptz null)`);
    this.addSql(`create index api_keys_organization_id_idx on identity.api_keys (organization_id)`);
    this.addSql(`alter table identity.api_keys enable row level security`);
    this.addSql(`alter table identity.api_keys force row level security`);
    this.addSql(
      `create policy api_keys_tenant_isolation on identity.api_keys using (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])) with check (organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[]))`,
    );

    // The gateway turns a bearer key into a principal before anyone knows its organization, so
    // the one read that crosses tenants is this function: it returns the single row with a given
    // prefix (what verification needs, not the name or history), and runs as the owner role
    // (security definer) because the runtime role sees no row without a tenant. RLS is forced,
    // so even the owner needs a policy: read-only, and for the owner alone, whom only migrations
    // and this function act as. Never inlined (security definer), with a fixed search_path.
    this.addSql(
      `create policy api_keys_lookup_by_owner on identity.api_keys for select to ${owner} using (true)`,
    );
    this.addSql(`create function identity.api_key_by_prefix(lookup_prefix text)
      returns table (id uuid, organization_id uuid, secret_hash text, scopes text[],
                     expires_at timestamptz, revoked_at timestamptz)
      language sql stable security definer
      set search_path = pg_catalog, pg_temp
      as $$
        select k.id, k.organization_id, k.secret_hash, k.scopes, k.expires_at, k.revoked_at
          from identity.api_keys k
         where k.prefix = lookup_prefix
      $$`);
    this.addSql(`revoke all on function identity.api_key_by_prefix(text) from public`);
    this.addSql(`grant execute on function identity.api_key_by_prefix(text) to ${runtime}`);
  }

  override down(): void {
    this.addSql('drop function identity.api_key_by_prefix(text)');
    this.addSql('drop table identity.api_keys');
  }
}
