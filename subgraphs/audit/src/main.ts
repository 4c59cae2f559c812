import { runSubgraph } from '../../kit/run-subgraph.ts';
import { createAuditModule } from './module.ts';

await runSubgraph(() => createAuditModule(), 4003);
