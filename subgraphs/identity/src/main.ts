import { loadConfig } from '../../kit/config.ts';
import { runSubgraph } from '../../kit/run-subgraph.ts';
import { IdentityEnv, identityOptionsFromEnv } from './config.ts';
import { createIdentityModule } from './module.ts';

const options = identityOptionsFromEnv(loadConfig(IdentityEnv));
await runSubgraph(() => createIdentityModule(options), 4001);
