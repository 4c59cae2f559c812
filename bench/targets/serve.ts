/**
 * One gateway of the engine comparison, in a process of its own (so the harness can pin it to a
 * core): `node bench/targets/serve.ts <steward|steward-real|apollo|hive> <supergraph file> [port]`.
 * Prints `READY <url>` once it serves; answers `STATS` on stdin with its CPU time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { pino } from 'pino';
import { answerStats } from '../lib/control.ts';
import { countSqlStatements } from '../lib/sql-counter.ts';
import { createGateway } from '../../gateway/src/server.ts';
import { startStewardGateway, type StewardGatewayConfig } from '../lib/steward-gateway.ts';
import { PEERS_DIR } from '../lib/peers.ts';
import {
  createInternalTokenSigner,
  generateInternalKeyPair,
  privateKeyFromPem,
} from '../../platform/internal-token.ts';

const [engine, supergraphPath, portArg] = process.argv.slice(2);
const supergraphSdl = readFileSync(supergraphPath!, 'utf8');
const port = Number(portArg ?? 0);

/** The fixed principal of the benchmark: a signed-in user, as the real authenticator would return. */
const FIXED_PRINCIPAL = {
  kind: 'user' as const,
  userId: '00000000-0000-4000-8000-000000000001',
  sessionId: '00000000-0000-4000-8000-000000000002',
  memberships: [],
};

async function steward(): Promise<string> {
  const gateway = createGateway({
    supergraphSdl,
    subgraphUrls: { audit: process.env.BENCH_AUDIT_URL },
    signer: createInternalTokenSigner(privateKeyFromPem(generateInternalKeyPair().privateKeyPem)),
    logger: pino({ level: 'silent' }),
    production: true,
    authenticate: async () => ({ principal: FIXED_PRINCIPAL, expiresAt: Date.now() + 3_600_000 }),
    // The fixture's lists declare no @listSize, so each would be costed as a full page of 100;
    // the peers enforce no cost limit, and the comparison is of the engines, not of limits.
    limits: { maxCost: Number.MAX_SAFE_INTEGER },
  });
  return (await gateway.listen(port)).url;
}

let sql: ReturnType<typeof countSqlStatements> | null = null;

/** Steward's gateway over the real subgraphs, as in production (bench/lib/steward-gateway.ts). */
async function stewardReal(): Promise<string> {
  const config = JSON.parse(process.env.BENCH_GATEWAY ?? '{}') as StewardGatewayConfig;
  // Counts the gateway's own SQL statements (rate limiter, access log, principals), like the subgraphs'.
  sql = countSqlStatements();
  return startStewardGateway(supergraphSdl, config, port);
}

async function apollo(): Promise<string> {
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  return url;
}

/** Hive Gateway with the Rust query planner; loaded from bench/peers (never a main dependency). */
async function hive(): Promise<string> {
  const peers = join(PEERS_DIR, 'package.json');
  const require = createRequire(peers);
  const load = async (name: string) =>
    (await import(pathToFileURL(require.resolve(name)).href)) as Record<string, unknown>;
  const { createGatewayRuntime } = (await load('@graphql-hive/gateway')) as {
    createGatewayRuntime: (config: Record<string, unknown>) => (req: unknown, res: unknown) => void;
  };
  const { unifiedGraphHandler } = await load('@graphql-hive/router-runtime');
  const runtime = createGatewayRuntime({
    supergraph: supergraphSdl,
    unifiedGraphHandler,
    // In-flight deduplication off, both ways: identical requests (inbound) or identical subgraph
    // fetches of concurrent requests (outbound) would otherwise be executed once and shared.
    inboundInflightRequestDeduplication: false,
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
    logging: false,
    graphqlEndpoint: '/graphql',
  });
  const http = createServer(runtime);
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
}

const engines: Record<string, () => Promise<string>> = { steward, 'steward-real': stewardReal, apollo, hive };
const start = engines[engine ?? ''];
if (!start) throw new Error(`unknown engine ${engine}`);
const url = await start();
answerStats(() => ({ sql: sql?.request ?? 0, backgroundSql: sql?.background ?? 0 }));
process.stdout.write(`READY ${url}\n`);
