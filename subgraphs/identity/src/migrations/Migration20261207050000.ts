import { Migration } from '@mikro-orm/migrations';

const owner = 'steward_identity_owner';
const runtime = 'steward_identity_app';
const tenantScope = `organization_id = any((select string_to_array(nullif(current_setting('app.tenant_ids', true), ''), ',')::uuid[])::uuid[])`;

export class Migration20261207050000 extends Migration {
  override up(): void {
    // An organization's own identity provider (single sign-on for its people). The client secret
    // is sealed (AES-256-GCM under the key-encryption key, bound to this row): a dump of the
    // database does not hand out the organization's IdP credentials.
    this.addSql(`create table identity.organization_sso (
      organization_id uuid primary key,
      issuer text not null check (length(issuer) between 8 and 2048),
      client_id text not null check (length(client_id) between 1 and 255),
      client_secret_sealed text null,
      created_by uuid null,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    // The email domains it signs in. A domain counts once it is verified (a DNS TXT record with
    // the token), and one organization at most holds a verified domain.
    this.addSql(`create table identity.organization_sso_domains (
      id uuid primary key,
      organization_id uuid not null references identity.organization_sso on delete cascade,
      domain text not null check (domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$' and length(domain) <= 253),
      verification_token text not null,
      created_at timestamptz not null,
      verified_at timestamptz null,
      unique (organization_id, domain))`);
    this.addSql(`create unique index organization_sso_domains_verified_once
      on identity.organization_sso_domains (domain) where verified_at is not null`);
    for (const table of ['organization_sso', 'organization_sso_domains']) {
      this.addSql(`alter table identity.${table} enable row level security`);
      this.addSql(`alter table identity.${table} force row level security`);
      this.addSql(
        `create policy ${table}_tenant_isolation on identity.${table} using (${tenantScope}) with check (${tenantScope})`,
      );
      this.addSql(
        `create policy ${table}_lookup_by_owner on identity.${table} for select to ${owner} using (true)`,
      );
    }
    // A sign-in starts from an email address, before anyone knows the organization: the one read
    // across tenants is this function. It answers which organization's provider signs in a
    // verified domain, and with what; nothing about other domains or organizations.
    this.addSql(`create function identity.organization_sso_for_domain(lookup_domain text)
      returns table (organization_id uuid, issuer text, client_id text, client_secret_sealed text)
      language sql stable security definer
      set search_path = pg_catalog, pg_temp
      as $$
        select s.organization_id, s.issuer, s.client_id, s.client_secret_sealed
          from identity.organization_sso_domains d
          join identity.organization_sso s on s.organization_id = d.organization_id
         where d.domain = lookup_domain and d.verified_at is not null
      $$`);
    this.addSql(`revoke all on function identity.organization_sso_for_domain(text) from public`);
    this.addSql(`grant execute on function identity.organization_sso_for_domain(text) to ${runtime}`);
    this.addSql(`create function identity.organization_sso_of(lookup_organization uuid)
      returns table (organization_id uuid, issuer text, client_id text, client_secret_sealed text)
      language sql stable security definer
      set search_path = pg_catalog, pg_temp
      as $$
        select s.organization_id, s.issuer, s.client_id, s.client_secret_sealed
          from identity.organization_sso s
         where s.organization_id = lookup_organization
           and exists (select 1 from identity.organization_sso_domains d
                        where d.organization_id = s.organization_id and d.verified_at is not null)
      $$`);
    this.addSql(`revoke all on function identity.organization_sso_of(uuid) from public`);
    this.addSql(`grant execute on function identity.organization_sso_of(uuid) to ${runtime}`);
    // Which domains a verification would take from another organization: a count, nothing else.
    this.addSql(`create function identity.sso_domain_verified_elsewhere(lookup_domain text, own uuid)
      returns boolean
      language sql stable security definer
      set search_path = pg_catalog, pg_temp
      as $$
        select exists (select 1 from identity.organization_sso_domains d
                        where d.domain = lookup_domain and d.verified_at is not null and d.organization_id <> own)
      $$`);
    this.addSql(`revoke all on function identity.sso_domain_verified_elsewhere(text, uuid) from public`);
    this.addSql(`grant execute on function identity.sso_domain_verified_elsewhere(text, uuid) to ${runtime}`);
    this.addSql(`alter table identity.sign_in_attempts drop constraint sign_in_attempts_method_check`);
    this.addSql(`alter table identity.sign_in_attempts add constraint sign_in_attempts_method_check
      check (method in ('EMAIL_CODE','PASSWORD','OIDC','DEVELOPMENT','PASSKEY','SSO'))`);
  }

  override down(): void {
    this.addSql(`alter table identity.sign_in_attempts drop constraint sign_in_attempts_method_check`);
    this.addSql(`alter table identity.sign_in_attempts add constraint sign_in_attempts_method_check
      check (method in ('EMAIL_CODE','PASSWORD','OIDC','DEVELOPMENT'))`);
    this.addSql('drop function identity.sso_domain_verified_elsewhere(text, uuid)');
    this.addSql('drop function identity.organization_sso_of(uuid)');
    this.addSql('drop function identity.organization_sso_for_domain(text)');
    this.addSql('drop table identity.organization_sso_domains');
    this.addSql('drop table identity.organization_sso');
  }
}
