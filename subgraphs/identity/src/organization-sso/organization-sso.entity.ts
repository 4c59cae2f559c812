import { defineEntity, p } from '@mikro-orm/core';
import { tenantFilter } from '../../../runtime/tenant-isolation.ts';

/** An organization's own OpenID Connect provider, for single sign-on of the people of its domains. */
const OrganizationSsoSchema = defineEntity({
  name: 'OrganizationSso',
  tableName: 'organization_sso',
  filters: tenantFilter(),
  properties: {
    organizationId: p.uuid().primary(),
    issuer: p.string(),
    clientId: p.string(),
    // Sealed with the key-encryption key, bound to this organization's row (sso-secret.ts).
    clientSecretSealed: p.string().nullable(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export class OrganizationSso extends OrganizationSsoSchema.class {}
OrganizationSsoSchema.setClass(OrganizationSso);

/** An email domain an organization signs in through its provider, once proven in DNS. */
const OrganizationSsoDomainSchema = defineEntity({
  name: 'OrganizationSsoDomain',
  tableName: 'organization_sso_domains',
  filters: tenantFilter(),
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    organizationId: p.uuid(),
    domain: p.string(),
    verificationToken: p.string(),
    createdAt: p.datetime(),
    verifiedAt: p.datetime().nullable(),
  },
});

export class OrganizationSsoDomain extends OrganizationSsoDomainSchema.class {}
OrganizationSsoDomainSchema.setClass(OrganizationSsoDomain);
export { OrganizationSsoSchema, OrganizationSsoDomainSchema };
