import type { SubgraphContext } from '../../runtime/context.ts';
import type { TenancyLoaders } from './loaders.ts';

export type TenancyContext = SubgraphContext<TenancyLoaders>;
