import { loadTypeDefs, type SubgraphModule } from '../../kit/subgraph-module.ts';
import type { AuditLoaders } from './context.ts';
import { AuditEventSchema } from './event/audit-event.entity.ts';
import { createAuditResolvers } from './resolvers.ts';
import { auditPermissions } from './permissions.ts';
import { Migration20261121000200 } from './migrations/Migration20261121000200.ts';

export { appendAuditEvent, type AuditEventInput } from './event/audit-event.repository.ts';
export { hashAuditEvent } from './event/audit-hash.ts';

export const auditEntities = [AuditEventSchema];
export const auditMigrations = [Migration20261121000200];

export function createAuditModule(): SubgraphModule<AuditLoaders> {
  return {
    name: 'audit',
    typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
    resolvers: createAuditResolvers() as SubgraphModule<AuditLoaders>['resolvers'],
    permissions: auditPermissions,
    entities: auditEntities,
    migrations: auditMigrations,
    createLoaders: () => ({}),
  };
}
