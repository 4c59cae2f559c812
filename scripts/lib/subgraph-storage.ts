import type { SubgraphName } from '../../platform/database.ts';
import { identityEntities } from '../../subgraphs/identity/src/module.ts';
import { identitySubjectData } from '../../subgraphs/identity/src/subject-data.ts';
import { tenancyEntities } from '../../subgraphs/tenancy/src/module.ts';
import { tenancySubjectData } from '../../subgraphs/tenancy/src/subject-data.ts';
import { auditEntities } from '../../subgraphs/audit/src/module.ts';
import { auditSubjectData } from '../../subgraphs/audit/src/subject-data.ts';
import { lifecycleEntities } from '../../subgraphs/lifecycle/src/module.ts';
import { lifecycleSubjectData } from '../../subgraphs/lifecycle/src/subject-data.ts';
import type { SubgraphStorage } from './compose-coverage.ts';

/**
 * Each subgraph's registered entities (the very arrays its module passes to MikroORM) and its
 * subject-data declaration: what `npm run compose` checks coverage on, with no module built.
 */
export const subgraphStorage: Record<SubgraphName, SubgraphStorage> = {
  identity: { entities: identityEntities, subjectData: identitySubjectData },
  tenancy: { entities: tenancyEntities, subjectData: tenancySubjectData },
  audit: { entities: auditEntities, subjectData: auditSubjectData },
  lifecycle: { entities: lifecycleEntities, subjectData: lifecycleSubjectData },
};
