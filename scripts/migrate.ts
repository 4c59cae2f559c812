// npm run migrate: creates Steward's roles and schemas, then applies each subgraph's migrations.
import { loadConfig } from '../platform/config.ts';
import { LocalEnv, openLocalDatabase } from './lib/local-config.ts';
import { migrateAll } from './lib/stack.ts';
import { readSupergraph } from './lib/subgraph-modules.ts';

const env = loadConfig(LocalEnv);
const database = await openLocalDatabase(env);
try {
  const applied = await migrateAll(
    { databaseUrl: database.url, dbSecret: env.STEWARD_DB_SECRET },
    readSupergraph(),
  );
  for (const [subgraph, names] of Object.entries(applied)) {
    console.log(`${subgraph}: ${names.length ? names.join(', ') : 'up to date'}`);
  }
} finally {
  await database.stop();
}
