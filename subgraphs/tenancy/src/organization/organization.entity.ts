import { defineEntity, p } from '@mikro-orm/core';
import { tenantFilter } from '../../../runtime/tenant-isolation.ts';

export const ORGANIZATION_STATUSES = ['ACTIVE', 'CONTRACT_ENDED', 'DELETION_SCHEDULED'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

const OrganizationSchema = defineEntity({
  name: 'Organization',
  tableName: 'organizations',
  // An organization is its own tenant: keyed on its id.
  filters: tenantFilter('id'),
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    name: p.string(),
    region: p.string(),
    status: p
      .string()
      .$type<OrganizationStatus>()
      .onCreate(() => 'ACTIVE' as const),
    contractEndsAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Organization extends OrganizationSchema.class {}
OrganizationSchema.setClass(Organization);
export { OrganizationSchema };
