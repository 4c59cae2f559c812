import type { SubgraphContext } from '../../kit/subgraph-server.ts';
import type { TenancyLoaders } from './loaders.ts';

export type TenancyContext = SubgraphContext<TenancyLoaders>;
