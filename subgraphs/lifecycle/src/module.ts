import { loadTypeDefs, type SubgraphModule } from '../../kit/subgraph-module.ts';
import type { LifecycleLoaders } from './context.ts';
import { buildDataMap, readSupergraphSdl } from './data-map/data-map.ts';
import { createLifecycleResolvers } from './resolvers.ts';
import { lifecyclePermissions } from './permissions.ts';

export { buildDataMap, readSupergraphSdl, type DataMapType } from './data-map/data-map.ts';

// No tables yet: export, deletion and retention jobs bring the first ones.
export const lifecycleEntities: SubgraphModule['entities'] = [];
export const lifecycleMigrations: SubgraphModule['migrations'] = [];

export interface LifecycleModuleOptions {
  /** The composed supergraph SDL; read from `supergraphPath` when not given. */
  supergraphSdl?: string;
  /** Defaults to the repository's schema/supergraph.graphql. */
  supergraphPath?: string | URL;
}

export function createLifecycleModule(
  options: LifecycleModuleOptions = {},
): SubgraphModule<LifecycleLoaders> {
  const dataMap = buildDataMap(options.supergraphSdl ?? readSupergraphSdl(options.supergraphPath));
  return {
    name: 'lifecycle',
    typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
    resolvers: createLifecycleResolvers({ dataMap }) as SubgraphModule<LifecycleLoaders>['resolvers'],
    permissions: lifecyclePermissions,
    entities: lifecycleEntities,
    migrations: lifecycleMigrations,
    createLoaders: () => ({}),
  };
}
