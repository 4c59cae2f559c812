import { defineEntity, p } from '@mikro-orm/core';
import type { z } from 'zod';
import type { OrganizationRole as OrganizationRoleSchema } from '../../../../platform/principal.ts';
import { tenantFilter } from '../../../runtime/tenant-isolation.ts';
import { Organization } from '../organization/organization.entity.ts';

export type OrganizationRole = z.infer<typeof OrganizationRoleSchema>;

const MembershipSchema = defineEntity({
  name: 'Membership',
  tableName: 'memberships',
  // A user's own memberships are visible across organizations (how the principal is built).
  filters: tenantFilter('organizationId', 'userId'),
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    organizationId: p.uuid(),
    // The same column as a read-only relation: a user's memberships come with their organizations
    // in one query (`membershipsOfUsers`); writes go through organizationId. Not named
    // `organization`, the GraphQL field, which the lifecycle's data map would take for a column.
    organizationRow: () => p.manyToOne(Organization).fieldName('organization_id').persist(false).nullable(),
    // Identity's user id: another subgraph's row, so no foreign key.
    userId: p.uuid(),
    role: p.string().$type<OrganizationRole>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Membership extends MembershipSchema.class {}
MembershipSchema.setClass(Membership);
export { MembershipSchema };

/** What tenancy knows of a user: the key identity resolves the rest from. */
export interface UserReference {
  __typename?: 'User';
  id: string;
}
