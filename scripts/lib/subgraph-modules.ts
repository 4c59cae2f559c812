import { readFileSync } from 'node:fs';
import type { SubgraphModule } from '../../subgraphs/kit/subgraph-module.ts';
import { createIdentityModule } from '../../subgraphs/identity/src/module.ts';
import { createTenancyModule } from '../../subgraphs/tenancy/src/module.ts';
import { createAuditModule } from '../../subgraphs/audit/src/module.ts';
import { createLifecycleModule } from '../../subgraphs/lifecycle/src/module.ts';

export const supergraphPath = new URL('../../schema/supergraph.graphql', import.meta.url);
export const readSupergraph = (path: string | URL = supergraphPath) => readFileSync(path, 'utf8');

export interface ModuleOptions {
  production: boolean;
  supergraphSdl: string;
}

/** The four subgraphs, in the order they start. */
export function subgraphModules(options: ModuleOptions): SubgraphModule[] {
  return [
    createIdentityModule({ allowDevSignIn: !options.production }),
    createTenancyModule(),
    createAuditModule(),
    createLifecycleModule({ supergraphSdl: options.supergraphSdl }),
  ] as SubgraphModule[];
}
