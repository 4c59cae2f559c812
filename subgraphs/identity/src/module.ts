import { loadTypeDefs, type SubgraphModule } from '../../kit/subgraph-module.ts';
import { UserSchema } from './user/user.entity.ts';
import { SessionSchema } from './session/session.entity.ts';
import { createIdentityLoaders, type IdentityLoaders } from './loaders.ts';
import { createIdentityResolvers, type IdentityResolverOptions } from './resolvers.ts';
import { identityPermissions } from './permissions.ts';
import { Migration20261121000000 } from './migrations/Migration20261121000000.ts';

export const identityEntities = [UserSchema, SessionSchema];
export const identityMigrations = [Migration20261121000000];

export function createIdentityModule(options: IdentityResolverOptions): SubgraphModule<IdentityLoaders> {
  return {
    name: 'identity',
    typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
    resolvers: createIdentityResolvers(options) as SubgraphModule<IdentityLoaders>['resolvers'],
    permissions: identityPermissions,
    entities: identityEntities,
    migrations: identityMigrations,
    createLoaders: createIdentityLoaders,
  };
}
