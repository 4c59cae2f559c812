import { loadConfig } from '../../kit/config.ts';
import { runSubgraph } from '../../kit/run-subgraph.ts';
import { TenancyEnv, tenancyOptionsFromEnv } from './config.ts';
import { createTenancyModule } from './module.ts';

const options = tenancyOptionsFromEnv(loadConfig(TenancyEnv));
await runSubgraph(() => createTenancyModule(options), 4002);
