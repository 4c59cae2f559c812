import { defineEntity, p } from '@mikro-orm/core';
import type { z } from 'zod';
import type { ProjectRole as ProjectRoleSchema } from '../../../../platform/principal.ts';
import { tenantFilter } from '../../../runtime/tenant-isolation.ts';

export type ProjectRole = z.infer<typeof ProjectRoleSchema>;

const ProjectMembershipSchema = defineEntity({
  name: 'ProjectMembership',
  tableName: 'project_memberships',
  filters: tenantFilter('organizationId', 'userId'),
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    // Denormalised from the project so that the tenant filter and RLS need no join.
    organizationId: p.uuid(),
    projectId: p.uuid(),
    userId: p.uuid(),
    role: p.string().$type<ProjectRole>(),
  },
});

export class ProjectMembership extends ProjectMembershipSchema.class {}
/** A project membership as a read-only hop reads it (plainRows): its columns, no entity. */
export type ProjectMembershipRow = Pick<
  ProjectMembership,
  'id' | 'organizationId' | 'projectId' | 'userId' | 'role'
>;
ProjectMembershipSchema.setClass(ProjectMembership);
export { ProjectMembershipSchema };
