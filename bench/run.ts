import type { AuditResults } from './audit-scenario.ts';
import type { LifecycleResults } from './lifecycle-scenario.ts';
import type { PrincipalCacheResults } from './principal-cache-scenario.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { ENGINES, runGateways, type Engine, type GatewaysResult } from './gateways.ts';
import { hasTaskset } from './lib/child.ts';
import { GRAFBASE_BINARY, PEERS_DIR } from './lib/peers.ts';
import { renderResults } from './report.ts';
import { FULL, SMOKE, TOPOLOGIES, type BenchSettings, type Topology } from './settings.ts';

export const SCENARIOS = [
  'gateways',
  'steward-e2e',
  'projects-list',
  'audit',
  'lifecycle',
  'principal-cache',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  smoke: boolean;
  only: Scenario[];
  engines: Engine[];
  /** Folder of the JSON results. */
  outDir: string;
  /** The Markdown file whose results section is rewritten; null leaves docs alone. */
  docs: string | null;
  /** The command as typed, recorded with the results. */
  command: string;
  settings?: Partial<BenchSettings>;
  /** The lifecycle and end-to-end scenarios' processes write V8 CPU profiles there (`--profile <folder>`). */
  profileDir?: string;
  /** NODE_OPTIONS of the lifecycle scenario's subgraphs (`--node-options "<flags>"`). */
  nodeOptions?: string;
}

export interface BenchResults {
  command: string;
  startedAt: string;
  finishedAt: string;
  machine: {
    cpus: number;
    model: string;
    memoryGiB: number;
    node: string;
    platform: string;
    pinning: string;
  };
  settings: BenchSettings;
  peersInstall?: string;
  gateways?: GatewaysResult;
  e2e?: unknown;
  e2eByTopology?: unknown;
  projectsList?: unknown;
  audit?: AuditResults;
  lifecycle?: LifecycleResults;
  principalCache?: PrincipalCacheResults;
  /** Sequential requests: SQL statements (in total and by subgraph) and subgraph calls per request. */
  exactCounts?: unknown;
}

const ROOT = join(import.meta.dirname, '..');

/** Installs the peer gateways from bench/peers' own lockfile when they are missing. */
function ensurePeers(log: (line: string) => void): string {
  if (
    existsSync(join(PEERS_DIR, 'node_modules', '@graphql-hive', 'router-runtime')) &&
    existsSync(GRAFBASE_BINARY)
  )
    return 'present';
  log('installing bench/peers (npm ci --prefix bench/peers)…');
  const npm = join(process.execPath, '..', 'npm');
  const result = spawnSync(
    existsSync(npm) ? npm : 'npm',
    ['ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return result.status === 0
    ? 'installed'
    : `failed: ${(result.stderr || result.stdout).trim().split('\n').at(-1)}`;
}

export async function runBench(options: BenchOptions, log: (line: string) => void = console.log) {
  const settings: BenchSettings = { ...(options.smoke ? SMOKE : FULL), ...options.settings };
  const results: BenchResults = {
    command: options.command,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      pinning: hasTaskset
        ? `taskset: process under test on cpu ${settings.gatewayCpus}, load generator (and fixture subgraphs) on cpu ${settings.loadCpus}`
        : 'none: taskset (util-linux) not found, processes float over all cores',
    },
    settings,
  };
  if (hasTaskset) spawnSync('taskset', ['-a', '-cp', settings.loadCpus, String(process.pid)]);
  const wants = (scenario: Scenario) => options.only.includes(scenario);
  if (wants('gateways')) {
    if (options.engines.some((e) => e === 'hive' || e === 'grafbase'))
      results.peersInstall = ensurePeers(log);
    results.gateways = await runGateways(settings, options.engines, log);
  }
  if (wants('steward-e2e') || wants('projects-list')) {
    const { runSteward } = await import('./steward.ts');
    const steward = await runSteward(
      settings,
      { e2e: wants('steward-e2e'), list: wants('projects-list') },
      log,
      options.profileDir,
    );
    if (steward.e2e) results.e2e = steward.e2e;
    if (steward.e2eByTopology) results.e2eByTopology = steward.e2eByTopology;
    if (steward.projectsList) results.projectsList = steward.projectsList;
    if (steward.exact) results.exactCounts = steward.exact;
  }
  if (wants('audit')) {
    const { runAudit } = await import('./audit-scenario.ts');
    results.audit = await runAudit(settings, log);
  }
  if (wants('lifecycle')) {
    const { runLifecycle } = await import('./lifecycle-scenario.ts');
    results.lifecycle = await runLifecycle(settings, log, {
      profileDir: options.profileDir,
      nodeOptions: options.nodeOptions,
    });
  }
  if (wants('principal-cache')) {
    const { runPrincipalCache } = await import('./principal-cache-scenario.ts');
    results.principalCache = runPrincipalCache(log);
  }
  results.finishedAt = new Date().toISOString();

  mkdirSync(options.outDir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  // Formatted as `npm run lint` expects (prettier --check .), so that a run can be committed as is.
  const jsonPath = join(options.outDir, `${stamp}.json`);
  const json = await format(JSON.stringify(results, null, 2), {
    ...(await resolveConfig(jsonPath)),
    filepath: jsonPath,
  });
  writeFileSync(jsonPath, json);
  writeFileSync(join(options.outDir, 'latest.json'), json);
  if (options.docs) {
    const doc = readFileSync(options.docs, 'utf8');
    const start = '<!-- bench:results:start -->';
    const end = '<!-- bench:results:end -->';
    const from = doc.indexOf(start);
    const to = doc.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${options.docs} has no ${start} … ${end} markers`);
    const text = `${doc.slice(0, from + start.length)}\n${renderResults(results)}\n${doc.slice(to)}`;
    // Formatted as `npm run lint` expects (prettier --check .).
    const config = await resolveConfig(options.docs);
    writeFileSync(options.docs, await format(text, { ...config, filepath: options.docs }));
  }
  log(`results: ${join(options.outDir, `${stamp}.json`)}`);
  // A gateway asked for and not measured fails the run (recorded above, not skipped in silence).
  const unavailable = Object.entries(results.gateways?.engines ?? {}).filter(
    ([, result]) => result?.status === 'unavailable',
  );
  if (unavailable.length) {
    throw new Error(
      `asked for but unavailable: ${unavailable
        .map(([engine, result]) => `${engine} (${result?.status === 'unavailable' ? result.reason : ''})`)
        .join(', ')}${results.peersInstall ? `; bench/peers: ${results.peersInstall}` : ''}`,
    );
  }
  return results;
}

export function parseArgs(argv: string[]): BenchOptions {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const smoke = argv.includes('--smoke');
  const only = (value('--only')?.split(',') ?? [...SCENARIOS]) as Scenario[];
  for (const s of only)
    if (!SCENARIOS.includes(s)) throw new Error(`--only: unknown scenario ${s} (${SCENARIOS.join(', ')})`);
  const engines = (value('--engines')?.split(',') ?? [...ENGINES]) as Engine[];
  for (const e of engines)
    if (!ENGINES.includes(e)) throw new Error(`--engines: unknown engine ${e} (${ENGINES.join(', ')})`);
  const number = (name: string) => (value(name) === undefined ? undefined : Number(value(name)));
  const settings: Partial<BenchSettings> = {};
  if (number('--duration') !== undefined) settings.durationSeconds = number('--duration')!;
  if (number('--warmup') !== undefined) settings.warmupSeconds = number('--warmup')!;
  if (number('--repetitions') !== undefined) settings.repetitions = number('--repetitions')!;
  if (number('--connections') !== undefined) settings.connections = number('--connections')!;
  if (number('--rows') !== undefined) settings.lifecycleRows = number('--rows')!;
  if (argv.includes('--export-only')) settings.lifecycleDeletion = false;
  if (argv.includes('--plain-names')) settings.lifecycleSealNames = false;
  const topologies = value('--topologies')?.split(',') as Topology[] | undefined;
  for (const t of topologies ?? [])
    if (!TOPOLOGIES.includes(t))
      throw new Error(`--topologies: unknown topology ${t} (${TOPOLOGIES.join(', ')})`);
  if (topologies) settings.e2eTopologies = topologies;
  const docsArg = value('--docs');
  return {
    smoke,
    only,
    engines,
    outDir: value('--out') ?? join(ROOT, 'bench', 'results'),
    // A smoke run never rewrites the committed figures.
    docs:
      docsArg === 'none' || (smoke && !docsArg) ? null : (docsArg ?? join(ROOT, 'docs', 'PERFORMANCE.md')),
    command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
    settings,
    profileDir: value('--profile'),
    nodeOptions: value('--node-options'),
  };
}
