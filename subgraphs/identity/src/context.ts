import type { SubgraphContext } from '../../runtime/context.ts';
import type { IdentityLoaders } from './loaders.ts';

export type IdentityContext = SubgraphContext<IdentityLoaders>;
