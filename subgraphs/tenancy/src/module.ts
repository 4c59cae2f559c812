import { loadTypeDefs, type SubgraphModule } from '../../kit/subgraph-module.ts';
import { OrganizationSchema } from './organization/organization.entity.ts';
import { ProjectSchema } from './project/project.entity.ts';
import { MembershipSchema } from './membership/membership.entity.ts';
import { ProjectMembershipSchema } from './membership/project-membership.entity.ts';
import { createTenancyLoaders, type TenancyLoaders } from './loaders.ts';
import { createTenancyResolvers } from './resolvers.ts';
import { tenancyPermissions } from './permissions.ts';
import { Migration20261121000100 } from './migrations/Migration20261121000100.ts';

export const tenancyEntities = [OrganizationSchema, ProjectSchema, MembershipSchema, ProjectMembershipSchema];
export const tenancyMigrations = [Migration20261121000100];

export function createTenancyModule(): SubgraphModule<TenancyLoaders> {
  return {
    name: 'tenancy',
    typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
    resolvers: createTenancyResolvers() as SubgraphModule<TenancyLoaders>['resolvers'],
    permissions: tenancyPermissions,
    entities: tenancyEntities,
    migrations: tenancyMigrations,
    createLoaders: createTenancyLoaders,
  };
}
