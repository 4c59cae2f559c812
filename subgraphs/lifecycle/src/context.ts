import type { SubgraphContext } from '../../kit/subgraph-server.ts';

export type LifecycleLoaders = Record<string, never>;

export type LifecycleContext = SubgraphContext<LifecycleLoaders>;
