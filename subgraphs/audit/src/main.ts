import { loadConfig } from '../../../platform/config.ts';
import { runSubgraph } from '../../runtime/run-subgraph.ts';
import { AuditEnv, auditOptionsFromEnv } from './config.ts';
import { createAuditModule } from './module.ts';

const options = auditOptionsFromEnv(loadConfig(AuditEnv));
await runSubgraph(() => createAuditModule(options), 4003);
