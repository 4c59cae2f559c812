import { defineEntity, p } from '@mikro-orm/core';
import { tenantFilter } from '../../../runtime/tenant-isolation.ts';

const ProjectSchema = defineEntity({
  name: 'Project',
  tableName: 'projects',
  filters: tenantFilter('organizationId'),
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    // A plain id, not a relation: loaders do the hops, and the FK lives in the migration.
    organizationId: p.uuid(),
    name: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Project extends ProjectSchema.class {}
/** A project as a read-only hop reads it (plainRows): its columns, no entity. */
export type ProjectRow = Pick<Project, 'id' | 'organizationId' | 'name' | 'createdAt'>;
ProjectSchema.setClass(Project);
export { ProjectSchema };
