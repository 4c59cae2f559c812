import { runSubgraph } from '../../kit/run-subgraph.ts';
import { createIdentityModule } from './module.ts';

await runSubgraph((env) => createIdentityModule({ allowDevSignIn: env.NODE_ENV !== 'production' }), 4001);
