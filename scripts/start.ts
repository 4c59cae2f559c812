// npm start: PostgreSQL (embedded unless DATABASE_URL is set), migrations, a demo organization,
// the four subgraphs and the gateway, all in this process; Ctrl-C stops everything.
import { buildConsole, consoleIsFresh } from '../gateway/console/build.ts';
import { ensureExplorerBuilt } from '../gateway/console/explorer-build.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { onShutdown } from '../platform/shutdown.ts';
import { startTracing } from '../platform/tracing.ts';
import {
  DataDirError,
  LocalEnv,
  keepFilesInDataDir,
  loadOrCreateKeys,
  openLocalDatabase,
} from './lib/local-config.ts';
import { DEMO_ORGANIZATION, DEMO_USERS, seedDemo } from './lib/seed.ts';
import { migrateAll, startStack } from './lib/stack.ts';
import { readSupergraph } from './lib/subgraph-modules.ts';

const startedAt = Date.now();
const env = loadConfig(LocalEnv);
const tracing = startTracing('steward', env.OTEL_EXPORTER_OTLP_ENDPOINT);
const logger = createLogger('steward', { level: env.LOG_LEVEL, pii: env.LOG_PII });
const production = env.NODE_ENV === 'production';
const supergraphSdl = readSupergraph();

// The console is rebuilt when missing or older than its sources, while the database starts.
const consoleBuild = consoleIsFresh()
  ? Promise.resolve('up to date')
  : buildConsole().then(
      ({ ms }) => `built in ${ms} ms`,
      (error: unknown) => {
        // The graph runs without it; /console answers 503 saying how to build it.
        logger.error({ err: error }, 'the console could not be built (npm run console:build)');
        return 'NOT BUILT (see the error above)';
      },
    );

// Development: the GraphQL explorer at /explorer (GraphiQL bundled here, nothing from a CDN).
const explorerBuild = production
  ? Promise.resolve('off in production')
  : ensureExplorerBuilt().then(
      () => 'GraphiQL',
      (error: unknown) => {
        logger.error({ err: error }, 'the explorer could not be built (npm run explorer:build)');
        return 'NOT BUILT (see the error above)';
      },
    );

keepFilesInDataDir(env);
const database = await openLocalDatabase(env).catch((error: unknown) => {
  // A data folder that cannot be used stops the start, saying what to fix: never another database.
  if (!(error instanceof DataDirError)) throw error;
  console.error(error.message);
  process.exit(1);
});
// The stack reads its configuration from the environment once the console build (which touches
// NODE_ENV while it runs, see buildConsole) is over.
await consoleBuild;
try {
  const access = { databaseUrl: database.url, dbSecret: env.STEWARD_DB_SECRET };
  await migrateAll(access, supergraphSdl);
  await seedDemo(access);
  const stack = await startStack({
    ...access,
    keys: loadOrCreateKeys(env),
    logger,
    production,
    supergraphSdl,
    host: env.HOST,
    gatewayPort: env.PORT,
    gateway: { corsOrigins: env.CORS_ORIGINS },
    subgraphPorts: {
      identity: env.IDENTITY_PORT,
      tenancy: env.TENANCY_PORT,
      audit: env.AUDIT_PORT,
      lifecycle: env.LIFECYCLE_PORT,
    },
  });
  onShutdown(logger, async () => {
    await stack.close();
    await database.stop();
    await tracing?.shutdown();
  });
  const url = stack.gateway.url;
  const consoleState = await consoleBuild;
  const explorerState = await explorerBuild;
  const signIn = JSON.stringify({
    query: `mutation { devSignIn(email: "${DEMO_USERS.admin.email}") { token } }`,
  });
  console.log(`
Steward is ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.

  Graph:     ${url}
  Explorer:  ${production ? 'off in production' : `${new URL('/explorer/', url).toString()}   (${explorerState})`}
  Console:   ${new URL('/console/', url).toString()}   (${consoleState})
  Subgraphs: ${Object.values(stack.subgraphs)
    .map((s) => `${s.name} ${s.url}`)
    .join(', ')}

  Demo organization "${DEMO_ORGANIZATION}":
${Object.values(DEMO_USERS)
  .map((u) => `    ${u.email.padEnd(24)} ${u.description}`)
  .join('\n')}
${
  production
    ? ''
    : `
  Sign in (development only), then send the token as "Authorization: Bearer <token>":
    curl -s ${url} -H 'content-type: application/json' -d '${signIn}'
`
}
  Ctrl-C stops everything.
`);
} catch (error) {
  logger.error({ err: error }, 'start failed');
  await database.stop();
  process.exit(1);
}
