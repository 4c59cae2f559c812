import { runSubgraph } from '../../kit/run-subgraph.ts';
import { createTenancyModule } from './module.ts';

await runSubgraph(() => createTenancyModule(), 4002);
