import type { SubgraphContext } from '../../runtime/context.ts';

export type LifecycleLoaders = Record<string, never>;

export type LifecycleContext = SubgraphContext<LifecycleLoaders>;
