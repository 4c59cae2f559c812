import type { Summary } from './lib/load.ts';
import type { BenchResults } from './run.ts';
import type { StewardResults } from './steward.ts';
import type { LifecycleResults } from './lifecycle-scenario.ts';
import type { ShredTiming } from './lifecycle-shred.ts';

const fmt = (s: Summary | null | undefined, digits = 0) =>
  s ? `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})` : '–';

/** The Markdown between the results markers of docs/PERFORMANCE.md. */
export function renderResults(results: BenchResults): string {
  const { settings, machine } = results;
  const lines: string[] = [
    `Run of ${results.startedAt} – ${results.finishedAt}, command: \`${results.command}\``,
    '',
    `Machine: ${machine.cpus} cores (${machine.model}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}. Pinning: ${machine.pinning}.`,
    `Settings: warm-up ${settings.warmupSeconds} s, ${settings.repetitions} × ${settings.durationSeconds} s measured per target, interleaved. Cells: median (min–max) over the repetitions. JSON: \`bench/results/latest.json\`.`,
    '',
  ];
  const gateways = results.gateways;
  if (gateways) {
    lines.push(
      `### Gateway engines (3-fetch query, ${gateways.connections} connections, distinct Authorization per request)`,
      '',
      '| engine | requests/s | p50 ms | p99 ms | CPU ms / request | Steward ÷ it (req/s) | Steward ÷ it (p99) |',
      '|---|---|---|---|---|---|---|',
    );
    for (const [engine, result] of Object.entries(gateways.engines)) {
      if (result.status !== 'ok') {
        lines.push(`| ${engine} | unavailable: ${result.reason.replace(/\|/g, '\\|')} | | | | | |`);
        continue;
      }
      lines.push(
        `| ${engine} | ${fmt(result.requestsPerSecond)} | ${fmt(result.p50Ms, 1)} | ${fmt(result.p99Ms, 1)} | ${fmt(result.cpuMsPerRequest, 2)} | ${engine === 'steward' ? '' : fmt(gateways.ratios[engine], 2)} | ${engine === 'steward' ? '' : fmt(gateways.p99Ratios[engine], 2)} |`,
      );
    }
    lines.push('');
  }
  const steward: StewardResults = {
    e2e: results.e2e as StewardResults['e2e'],
    projectsList: results.projectsList as StewardResults['projectsList'],
  };
  if (steward.e2e) {
    const e = steward.e2e;
    const byTopology = Object.values(
      (results.e2eByTopology as StewardResults['e2eByTopology']) ?? { [e.topology ?? 'split']: e },
    ).filter((t) => t !== undefined);
    lines.push(
      `### Steward end to end: dashboard query (${e.users} users, real sessions, PostgreSQL)`,
      '',
      '| topology | requests/s | p50 ms | p99 ms | subgraph calls / request | SQL statements / request | CPU ms / request: gateway, subgraphs, PostgreSQL | non-2xx |',
      '|---|---|---|---|---|---|---|---|',
      ...byTopology.map(
        (t) =>
          `| ${t.topology ?? 'split'} | ${fmt(t.requestsPerSecond)} | ${fmt(t.p50Ms, 1)} | ${fmt(t.p99Ms, 1)} | ${fmt(t.subgraphCallsPerRequest, 2)} | ${fmt(t.sqlPerRequest, 2)} | ${fmt(t.gatewayCpuMsPerRequest, 2)}, ${fmt(t.subgraphsCpuMsPerRequest, 2)}, ${fmt(t.postgresCpuMsPerRequest, 2)} | ${t.non2xx} |`,
      ),
      '',
      "Topologies: `single` is `npm start`'s one process (the gateway's CPU counted with the subgraphs'), `split` the gateway apart from the four subgraphs, `per-subgraph` a process each (docker-compose).",
      '',
      `Query plan fetches: ${e.planFetches}. SQL counted by: ${e.sqlCountedBy}`,
      '',
    );
  }
  if (steward.projectsList) {
    const l = steward.projectsList;
    lines.push(
      '### Projects with members: SQL per request vs list size, and graphql-shield',
      '',
      '| projects in the list | permissions | requests/s | p50 ms | p99 ms | SQL statements / request | subgraph calls / request | CPU ms / request: gateway, subgraphs, PostgreSQL |',
      '|---|---|---|---|---|---|---|---|',
      ...l.rows.map(
        (r) =>
          `| ${r.projects} | ${r.shield ? 'graphql-shield on' : 'off (bench build)'} | ${fmt(r.requestsPerSecond, 1)} | ${fmt(r.p50Ms, 1)} | ${fmt(r.p99Ms, 1)} | ${fmt(r.sqlPerRequest, 2)} | ${fmt(r.subgraphCallsPerRequest, 2)} | ${r.gatewayCpuMsPerRequest ? `${fmt(r.gatewayCpuMsPerRequest, 1)}, ${fmt(r.subgraphsCpuMsPerRequest, 1)}, ${fmt(r.postgresCpuMsPerRequest, 1)}` : '—'} |`,
      ),
      '',
      `graphql-shield p50 on the ${l.largest}-project list: on ÷ off = ${fmt(l.shieldP50Ratio, 2)}.`,
      '',
    );
  }
  if (results.audit) {
    const a = results.audit;
    lines.push(
      `### Audit: latency added to a mutation, and appends to one organization's chain (${a.samplesPerRepetition} samples per repetition)`,
      '',
      '| createProject p50 ms, no audit | with its audit event | added by auditing | events/s appended, batches of 500 | events/s appended, one per transaction |',
      '|---|---|---|---|---|',
      `| ${fmt(a.mutationWithoutAuditP50Ms, 2)} | ${fmt(a.mutationWithAuditP50Ms, 2)} | ${fmt(a.addedByAuditP50Ms, 2)} | ${fmt(a.appendsPerSecondBatched)} | ${fmt(a.appendsPerSecondSingle)} |`,
      '',
    );
  }
  if (results.lifecycle) lines.push(...renderLifecycle(results.lifecycle));
  if (results.principalCache) {
    const c = results.principalCache;
    lines.push(
      `### Gateway principal cache: ${int(c.changes)} invalidations over ${int(c.cachedPrincipals)} cached principals`,
      '',
      '| one burst, fresh process, ms | one burst, warm, ms | longest turn of 1,000 changes, ms (target < 50) | left cached |',
      '|---|---|---|---|',
      `| ${c.coldBurstMs.toFixed(1)} | ${c.warmBurstMs.toFixed(1)} | ${c.longestTurnMs.toFixed(1)} | ${int(c.leftCached)} |`,
      '',
    );
  }
  return lines.join('\n');
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

type MeasuredDeletion = Extract<LifecycleResults['deletion'], { status: 'measured' }>;

/** Crypto-shredding: when the organization's keys were gone, and what a copy taken before reads as. */
function shredLines(shred: ShredTiming | null, check: MeasuredDeletion['shredCheck']): string[] {
  if (!shred) return ['Shred: no data key destroyed (nothing was sealed).', ''];
  return [
    `Shred: the organization's data keys (${shred.keys.length}) destroyed ${shred.requestedToKeysDestroyedSeconds.toFixed(3)} s after \`requestDeletion\` (${shred.startedToKeysDestroyedSeconds.toFixed(3)} s after its job started), the deletion completed ${shred.keysDestroyedToCompletedSeconds.toFixed(2)} s later; keys left in the store: ${check?.keysLeft ?? 'n/a'}; a copy of the sealed organization name taken before opens ${check?.copyOpenedAfter === null ? 'to nothing (erased)' : '**still**'} after.`,
    '',
  ];
}

/** The lifecycle scenario: export beside COPY, deletion beside DELETE, with the targets. */
export function renderLifecycle(l: LifecycleResults): string[] {
  const s = l.summary;
  const lines = [
    `### Lifecycle: export and deletion of ${int(l.seeded.rows)} rows (${l.repetitions} repetition(s))`,
    '',
    '| rows | COPY rows/s | export rows/s | export ÷ COPY, % (target ≥ 50) | peak RSS MiB of the largest subgraph process (target < 256) |',
    '|---|---|---|---|---|',
    `| ${int(l.export[0]?.rows ?? 0)} | ${fmt(s.copyRowsPerSecond)} | ${fmt(s.exportRowsPerSecond)} | ${fmt(s.exportToCopyPercent, 1)} | ${s.peakRssMiB} (${s.peakRssProcess}; ${s.peakRssProcessBeforeMiB} before the export) |`,
    '',
    l.seeded.sealing
      ? `Sealed content: the seed's SHRED names sealed under their organization's key as Steward stores them (${Object.entries(
          l.seeded.sealing.sealed,
        )
          .filter(([, n]) => n > 0)
          .map(([column, n]) => `${int(n)} ${column}`)
          .join(
            ', ',
          )}, in ${l.seeded.sealing.seconds} s); every export opened them (checked in the archive: ${Object.entries(
          l.export[0]?.sealedNames ?? {},
        )
          .map(([type, n]) => `${int(n.opened)} of ${int(n.records)} ${type} names`)
          .join(', ')}).`
      : "Sealed content: the seed's project names left in clear (`--plain-names`): the export reads them as they are.",
    '',
  ];
  const d = l.deletion;
  if (d.status === 'skipped') lines.push('Deletion: not measured (`--export-only`).', '');
  else
    lines.push(
      `Deletion: raw DELETE ${d.raw.seconds.toFixed(2)} s; API ${d.api.status === 'ok' ? `${(d.api.serverSeconds ?? d.api.seconds).toFixed(2)} s, ratio ${d.ratio} (target ≤ 2.5)` : `pending: ${d.api.reason}`}.`,
      // The API vacuums a table it emptied before deleting the parents: the like-for-like baseline.
      `The raw DELETE with the same VACUUM step: ${d.rawVacuumed.seconds.toFixed(2)} s; API ÷ it = ${d.ratioToRawVacuumed ?? 'n/a'}.`,
      '',
      ...shredLines(d.api.status === 'ok' ? d.api.shred : null, d.shredCheck),
    );
  lines.push(
    "Export and deletion through the API are timed from their request to their completion as the lifecycle subgraph records them (`requestedAt`, `completedAt`); the JSON also has the time to the harness's poll (every 200 ms) that saw them complete.",
    '',
  );
  lines.push(`Other organization's rows untouched: ${l.otherOrganizationUntouched ? 'yes' : '**no**'}.`, '');
  return lines;
}
