import { loadConfig } from '../../../platform/config.ts';
import { runSubgraph } from '../../runtime/run-subgraph.ts';
import { LifecycleEnv, lifecycleOptionsFromEnv } from './config.ts';
import { createLifecycleModule } from './module.ts';

const options = lifecycleOptionsFromEnv(loadConfig(LifecycleEnv));
await runSubgraph(() => createLifecycleModule(options), 4004);
