import type { Resolvers } from './generated/resolvers.ts';
import type { DataMapType } from './data-map/data-map.ts';

export interface LifecycleResolverOptions {
  /** Built once from the supergraph when the module is created. */
  dataMap: readonly DataMapType[];
}

export function createLifecycleResolvers(options: LifecycleResolverOptions): Resolvers {
  return {
    Query: {
      dataMap: () => [...options.dataMap],
    },
  };
}
