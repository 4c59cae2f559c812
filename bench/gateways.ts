import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_QUERY } from './fixture/subgraphs.ts';
import { composeFixture } from './fixture/supergraph.ts';
import { startChild, type Child } from './lib/child.ts';
import { PEERS_DIR } from './lib/peers.ts';
import { distinctBearer, load, round, summarize, type LoadResult, type Summary } from './lib/load.ts';
import type { BenchSettings } from './settings.ts';
import { startGrafbase } from './targets/grafbase.ts';

export const ENGINES = ['steward', 'apollo', 'hive', 'grafbase'] as const;
export type Engine = (typeof ENGINES)[number];

export interface EngineRun extends LoadResult {
  rep: number;
  cpuMsPerRequest: number | null;
}

export type EngineResult =
  | {
      status: 'ok';
      url: string;
      runs: EngineRun[];
      requestsPerSecond: Summary;
      p50Ms: Summary;
      p99Ms: Summary;
      cpuMsPerRequest: Summary | null;
    }
  | { status: 'unavailable'; reason: string };

export interface GatewaysResult {
  query: string;
  connections: number;
  engines: Partial<Record<Engine, EngineResult>>;
  /** Steward's requests/s over each peer's, per repetition (same run), then summarized. */
  ratios: Record<string, Summary>;
  p99Ratios: Record<string, Summary>;
}

const BODY = JSON.stringify({ query: BENCH_QUERY, operationName: 'TopProducts' });
/** Every request comes from a browser, as a front end's do (Steward's access log classifies it). */
const HEADERS = {
  'user-agent':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};

async function startEngine(
  engine: Engine,
  supergraphPath: string,
  fixtureUrls: Record<string, string>,
  auditSink: string,
  settings: BenchSettings,
): Promise<Child> {
  if (engine === 'grafbase') return startGrafbase(fixtureUrls, settings.gatewayCpus);
  if (engine === 'hive' && !existsSync(join(PEERS_DIR, 'node_modules', '@graphql-hive', 'router-runtime')))
    throw new Error('bench/peers is not installed (npm ci --prefix bench/peers)');
  return startChild(
    process.execPath,
    [join(import.meta.dirname, 'targets', 'serve.ts'), engine, supergraphPath],
    {
      cpus: settings.gatewayCpus,
      // Steward's access log delivers to an audit subgraph, as in production: the fixture's sink.
      env: { ...process.env, NODE_ENV: 'production', BENCH_AUDIT_URL: auditSink },
    },
  );
}

/** Checks the engine answers the query with the expected data before it is measured. */
async function check(url: string, expected: string | null): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: distinctBearer(0) },
    body: BODY,
  });
  const text = await response.text();
  const result = JSON.parse(text) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || result.errors || !result.data)
    throw new Error(`answered ${response.status}: ${text.slice(0, 500)}`);
  const data = JSON.stringify(result.data);
  if (expected && data !== expected) throw new Error(`answered other data: ${data.slice(0, 500)}`);
  return data;
}

const cpuOf = async (child: Child, engine: Engine) =>
  engine === 'grafbase'
    ? procCpuMicros(child.process.pid!)
    : (JSON.parse(await child.ask('STATS', 'STATS')) as { cpuMicros: number }).cpuMicros;

export async function runGateways(
  settings: BenchSettings,
  engines: readonly Engine[],
  log: (line: string) => void,
) {
  const fixture = await startChild(process.execPath, [join(import.meta.dirname, 'fixture', 'serve.ts')], {
    cpus: settings.loadCpus,
  });
  const { urls, auditSink } = JSON.parse(fixture.ready) as {
    urls: Record<string, string>;
    auditSink: string;
  };
  const dir = mkdtempSync(join(tmpdir(), 'steward-bench-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeFixture(urls));

  const children: Partial<Record<Engine, Child>> = {};
  const urlsOf: Partial<Record<Engine, string>> = {};
  const result: GatewaysResult = {
    query: BENCH_QUERY.trim(),
    connections: settings.connections,
    engines: {},
    ratios: {},
    p99Ratios: {},
  };
  const runs: Partial<Record<Engine, EngineRun[]>> = {};
  let expected: string | null = null;
  try {
    for (const engine of engines) {
      try {
        const child = await startEngine(engine, supergraphPath, urls, auditSink, settings);
        children[engine] = child;
        urlsOf[engine] = child.ready;
        expected ??= await check(child.ready, null);
        await check(child.ready, expected);
        runs[engine] = [];
        log(`${engine}: ready at ${child.ready}`);
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
        result.engines[engine] = { status: 'unavailable', reason };
        log(`${engine}: unavailable: ${reason}`);
        await children[engine]?.stop();
        delete children[engine];
      }
    }
    const live = engines.filter((engine) => children[engine]);
    for (const engine of live) {
      await load({
        url: urlsOf[engine]!,
        body: BODY,
        connections: settings.connections,
        durationSeconds: settings.warmupSeconds,
        authorization: distinctBearer,
        headers: HEADERS,
      });
    }
    // Interleaved: every repetition measures every engine once, so drift hits all alike.
    for (let rep = 1; rep <= settings.repetitions; rep++) {
      for (const engine of live) {
        const child = children[engine]!;
        const cpuBefore = await cpuOf(child, engine);
        const measured = await load({
          url: urlsOf[engine]!,
          body: BODY,
          connections: settings.connections,
          durationSeconds: settings.durationSeconds,
          authorization: distinctBearer,
          headers: HEADERS,
        });
        const cpuAfter = await cpuOf(child, engine);
        const cpuMsPerRequest = measured.requests
          ? round((cpuAfter - cpuBefore) / 1000 / measured.requests, 3)
          : null;
        runs[engine]!.push({ rep, ...measured, cpuMsPerRequest });
        log(
          `${engine} rep ${rep}: ${measured.requestsPerSecond.toFixed(0)} req/s, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms, non-2xx ${measured.non2xx}, errors ${measured.errors}`,
        );
      }
    }
    for (const engine of live) {
      const engineRuns = runs[engine]!;
      const cpu = engineRuns.map((r) => r.cpuMsPerRequest).filter((v): v is number => v !== null);
      result.engines[engine] = {
        status: 'ok',
        url: urlsOf[engine]!,
        runs: engineRuns,
        requestsPerSecond: summarize(engineRuns.map((r) => r.requestsPerSecond)),
        p50Ms: summarize(engineRuns.map((r) => r.p50Ms)),
        p99Ms: summarize(engineRuns.map((r) => r.p99Ms)),
        cpuMsPerRequest: cpu.length ? summarize(cpu) : null,
      };
    }
    if (runs.steward) {
      for (const engine of live.filter((e) => e !== 'steward')) {
        const pairs = runs.steward.map((s, i) => [s, runs[engine]![i]!] as const);
        result.ratios[engine] = summarize(pairs.map(([s, o]) => s.requestsPerSecond / o.requestsPerSecond));
        result.p99Ratios[engine] = summarize(pairs.map(([s, o]) => s.p99Ms / o.p99Ms));
      }
    }
    return result;
  } finally {
    await Promise.all(Object.values(children).map((child) => child.stop()));
    await fixture.stop();
  }
}

/** User + system CPU time of a child process in µs, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function procCpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state is field 3, utime field 14 and stime field 15 (1-based, man proc).
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}
