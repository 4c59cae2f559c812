import { loadConfig } from '../../../platform/config.ts';
import { runSubgraph } from '../../runtime/run-subgraph.ts';
import { IdentityEnv, identityOptionsFromEnv } from './config.ts';
import { createIdentityModule } from './module.ts';

const options = identityOptionsFromEnv(loadConfig(IdentityEnv));
await runSubgraph(() => createIdentityModule(options), 4001);
