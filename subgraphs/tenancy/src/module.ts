import { tenancyDestroyOptions, tenancySubjectData } from './subject-data.ts';
import { loadTypeDefs, type SubgraphModule } from '../../runtime/subgraph-module.ts';
import { OrganizationSchema } from './organization/organization.entity.ts';
import { ProjectSchema } from './project/project.entity.ts';
import { MembershipSchema } from './membership/membership.entity.ts';
import { ProjectMembershipSchema } from './membership/project-membership.entity.ts';
import { InvitationSchema } from './invitation/invitation.entity.ts';
import { createTenancyLoaders, type TenancyLoaders } from './loaders.ts';
import { createTenancyResolvers } from './resolvers.ts';
import { tenancyPermissions } from './permissions.ts';
import type { TenancyOptions } from './options.ts';
import { Migration20261121050000 } from './migrations/Migration20261121050000.ts';
import { Migration20261121080000 } from './migrations/Migration20261121080000.ts';
import { Migration20261121000100 } from './migrations/Migration20261121000100.ts';
import { Migration20261121020000 } from './migrations/Migration20261121020000.ts';
import { Migration20261121030100 } from './migrations/Migration20261121030100.ts';
import { Migration20261121060100 } from './migrations/Migration20261121060100.ts';
import { Migration20261121070000 } from './migrations/Migration20261121070000.ts';
import { Migration20261121090000 } from './migrations/Migration20261121090000.ts';
import { Migration20261206190000 } from './migrations/Migration20261206190000.ts';
import { Migration20261207020100 } from './migrations/Migration20261207020100.ts';
import { Migration20261207060200 } from './migrations/Migration20261207060200.ts';
import { Migration20261208050100 } from './migrations/Migration20261208050100.ts';
import { tenancyRetentionRoutes } from './retention/retention-routes.ts';
import { tenancyRegionRoutes } from './organization/region-route.ts';

export const tenancyEntities = [
  OrganizationSchema,
  ProjectSchema,
  MembershipSchema,
  ProjectMembershipSchema,
  InvitationSchema,
];
export const tenancyMigrations = [
  Migration20261121000100,
  Migration20261121020000,
  Migration20261121030100,
  Migration20261121050000,
  Migration20261121060100,
  Migration20261121070000,
  Migration20261121080000,
  Migration20261121090000,
  Migration20261206190000,
  Migration20261207020100,
  Migration20261207060200,
  Migration20261208050100,
];

export function createTenancyModule(options: TenancyOptions): SubgraphModule<TenancyLoaders> {
  return {
    name: 'tenancy',
    typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
    resolvers: createTenancyResolvers(options) as SubgraphModule<TenancyLoaders>['resolvers'],
    permissions: tenancyPermissions,
    entities: tenancyEntities,
    migrations: tenancyMigrations,
    createLoaders: createTenancyLoaders,
    warnings: options.warnings,
    subjectData: { declaration: tenancySubjectData, destroy: tenancyDestroyOptions(options.mailer) },
    routes: { ...tenancyRetentionRoutes, ...tenancyRegionRoutes },
  };
}
