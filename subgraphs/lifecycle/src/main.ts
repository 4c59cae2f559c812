import { runSubgraph } from '../../kit/run-subgraph.ts';
import { createLifecycleModule } from './module.ts';

await runSubgraph(() => createLifecycleModule(), 4004);
