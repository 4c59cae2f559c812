import { defineEntity, p } from '@mikro-orm/core';
import { tenantFilter } from '../../../runtime/tenant-isolation.ts';
import type { OrganizationRole } from '../membership/membership.entity.ts';
import type { ProjectRole } from '../membership/project-membership.entity.ts';

const InvitationSchema = defineEntity({
  name: 'Invitation',
  tableName: 'invitations',
  filters: tenantFilter(),
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    organizationId: p.uuid(),
    // Normalised (trimmed, lower case), as identity stores a user's email.
    email: p.string(),
    role: p.string().$type<OrganizationRole>(),
    projectId: p.uuid().nullable(),
    projectRole: p.string().$type<ProjectRole>().nullable(),
    // SHA-256 of the mailed token: the token itself is never stored. Not in the schema; it goes
    // with the row when the organization is erased.
    tokenHash: p.string().unique().hidden(),
    invitedBy: p.uuid().nullable(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    acceptedAt: p.datetime().nullable(),
    acceptedBy: p.uuid().nullable(),
    // Set when a newer invitation for the same email replaces this one.
    revokedAt: p.datetime().nullable(),
  },
});

export class Invitation extends InvitationSchema.class {}
InvitationSchema.setClass(Invitation);
export { InvitationSchema };
