import type { SubgraphContext } from '../../kit/subgraph-server.ts';
import type { IdentityLoaders } from './loaders.ts';

export type IdentityContext = SubgraphContext<IdentityLoaders>;
