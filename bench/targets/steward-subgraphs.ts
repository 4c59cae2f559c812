/**
 * Steward's subgraphs on real PostgreSQL, in a process of their own, for the end-to-end
 * scenarios: `node bench/targets/steward-subgraphs.ts` with BENCH_STACK (JSON: databaseUrl,
 * dbSecret, keys, permissions) in the environment. Prints `READY {"identity":url,…}`; answers
 * `STATS` with its CPU time and the SQL statements sent so far (bench/lib/sql-counter.ts): `sql`
 * while serving requests, `backgroundSql` outside them.
 *
 * The topologies (bench/steward.ts): BENCH_STACK's `only` runs some subgraphs (one per process,
 * as docker-compose deploys them) on the `ports` given for all, so that each finds the others;
 * BENCH_GATEWAY (bench/lib/steward-gateway.ts) adds the gateway to this process, as `npm start`
 * runs everything in one, and READY then names it too (`gateway`).
 */
import { pino } from 'pino';
import { defaultBruteForce } from '../../subgraphs/identity/src/config.ts';
import { privateKeyFromPem, trustedIssuersOf, type StewardKeys } from '../../platform/internal-token.ts';
import { startSubgraph } from '../../subgraphs/runtime/subgraph-module.ts';
import type { RunningSubgraph } from '../../subgraphs/runtime/subgraph-server.ts';
import { subgraphModules } from '../../scripts/lib/subgraph-modules.ts';
import { readSupergraph } from '../../scripts/lib/subgraph-modules.ts';
import { answerStats } from '../lib/control.ts';
import { countSqlStatements, STATEMENT_KINDS } from '../lib/sql-counter.ts';
import { startStewardGateway, type StewardGatewayConfig } from '../lib/steward-gateway.ts';

const sql = countSqlStatements();

const stack = JSON.parse(process.env.BENCH_STACK ?? '{}') as {
  databaseUrl: string;
  dbSecret: string;
  keys: StewardKeys;
  /** false: the subgraphs are built without graphql-shield (to measure its cost). */
  permissions: boolean;
  /** The subgraphs this process runs (all when absent). */
  only?: string[];
  /** Every subgraph's port, when they run in several processes. */
  ports?: Record<string, number>;
};
const unlimited = { ...defaultBruteForce.ip, delayAfter: 1_000_000, lockAfter: 1_000_000 };
const logger = pino({ level: 'silent' });
const subgraphs: Record<string, RunningSubgraph> = {};
const supergraphSdl = readSupergraph();
for (const module of subgraphModules({
  // Development sign-in seeds the users; the gateway in front runs as in production.
  production: false,
  supergraphSdl,
  identity: { bruteForce: { account: unlimited, ip: unlimited } },
})) {
  if (stack.only && !stack.only.includes(module.name)) continue;
  const serviceKey = stack.keys.services[module.name];
  const built = { ...module, withoutPermissionsForBenchmark: !stack.permissions };
  subgraphs[module.name] = await startSubgraph(built, {
    databaseUrl: stack.databaseUrl,
    dbSecret: stack.dbSecret,
    logger,
    trusted: trustedIssuersOf(stack.keys),
    servicePrivateKey: serviceKey ? privateKeyFromPem(serviceKey.privateKeyPem) : undefined,
    subgraphUrls: (name: string) =>
      subgraphs[name]?.url ??
      (stack.ports?.[name] ? `http://127.0.0.1:${stack.ports[name]}/graphql` : undefined),
    port: stack.ports?.[module.name] ?? 0,
  });
}
const urls: Record<string, string> = Object.fromEntries(
  Object.entries(subgraphs).map(([n, s]) => [n, s.url]),
);
if (process.env.BENCH_GATEWAY) {
  const config = JSON.parse(process.env.BENCH_GATEWAY) as StewardGatewayConfig;
  urls.gateway = await startStewardGateway(supergraphSdl, { ...config, subgraphUrls: urls });
}
const portOf = (url: string) => Number(new URL(url).port);
answerStats(() => ({
  sql: sql.request,
  backgroundSql: sql.background,
  ...Object.fromEntries(
    Object.values(subgraphs).map((s) => [`sql:${s.name}`, sql.byPort[portOf(s.url)] ?? 0]),
  ),
  // Statements by subgraph and kind (a round trip may carry several): `kind:<subgraph>:<kind>`.
  ...Object.fromEntries(
    Object.values(subgraphs).flatMap((s) =>
      STATEMENT_KINDS.map((kind) => [`kind:${s.name}:${kind}`, sql.kindsByPort[portOf(s.url)]?.[kind] ?? 0]),
    ),
  ),
}));
process.stdout.write(`READY ${JSON.stringify(urls)}\n`);
