import { loadConfig } from '../../../platform/config.ts';
import { runSubgraph } from '../../runtime/run-subgraph.ts';
import { TenancyEnv, tenancyOptionsFromEnv } from './config.ts';
import { createTenancyModule } from './module.ts';

const options = tenancyOptionsFromEnv(loadConfig(TenancyEnv));
await runSubgraph(() => createTenancyModule(options), 4002);
