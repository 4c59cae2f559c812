import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';

// The benchmark harness in smoke mode (seconds), so it never rots: Steward's gateway and stock
// Apollo Gateway on the in-memory fixture, 1 s each, once; and the lifecycle scenario on 2,000
// rows; the peers of bench/peers (installed by the harness from their lockfile) once, and once missing.
const root = join(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'steward-bench-smoke-'));
const docs = join(root, 'docs', 'PERFORMANCE.md');

afterAll(() => rmSync(out, { recursive: true, force: true }));

function runHarness(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'bench.ts'), ...args], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

interface SmokeResults {
  command: string;
  gateways: {
    engines: Record<
      string,
      { status: string; requestsPerSecond?: { median: number }; runs?: { non2xx: number }[] }
    >;
    ratios: Record<string, { median: number }>;
  };
}

interface LifecycleSmoke {
  seeded: {
    rows: number;
    shape: {
      projects: number;
      projectMemberships: number;
      invitations: number;
      memberships: number;
      apiKeys: number;
    };
    sealing: { sealed: Record<string, number> };
  };
  copy: { rowsPerSecond: number; byType: Record<string, number> }[];
  export: { rowsPerSecond: number; byType: Record<string, number>; sealedNames: unknown }[];
  deletion: {
    status: string;
    raw?: { tables: { rows: number }[] };
    api?: {
      status: string;
      shred?: {
        keys: unknown[];
        requestedToKeysDestroyedSeconds: number;
        keysDestroyedToCompletedSeconds: number;
      };
    };
    remainingAfterApi?: Record<string, number>;
    shredCheck?: unknown;
  };
  otherOrganizationUntouched: boolean;
}

describe('bench harness (smoke)', () => {
  it('measures Steward and stock Apollo Gateway and writes JSON, not the docs', async () => {
    const docsBefore = statSync(docs, { throwIfNoEntry: false })?.mtimeMs;
    const { code, output } = await runHarness([
      '--smoke',
      '--only',
      'gateways',
      '--engines',
      'steward,apollo',
      '--out',
      out,
    ]);
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    const results = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as SmokeResults;
    for (const engine of ['steward', 'apollo']) {
      const result = results.gateways.engines[engine]!;
      expect(result.status).toBe('ok');
      expect(result.requestsPerSecond!.median).toBeGreaterThan(0);
      expect(result.runs!.every((run) => run.non2xx === 0)).toBe(true);
    }
    expect(results.gateways.ratios.apollo!.median).toBeGreaterThan(0);
    expect(statSync(docs, { throwIfNoEntry: false })?.mtimeMs).toBe(docsBefore);
  }, 50_000);

  it('measures the peer gateways of bench/peers (installed from their lockfile) beside Steward', async () => {
    const peersOut = join(out, 'peers');
    const { code, output } = await runHarness([
      '--smoke',
      '--only',
      'gateways',
      '--engines',
      'steward,hive,grafbase',
      '--out',
      peersOut,
    ]);
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    const results = JSON.parse(readFileSync(join(peersOut, 'latest.json'), 'utf8')) as SmokeResults;
    for (const engine of ['hive', 'grafbase']) {
      const result = results.gateways.engines[engine]!;
      expect(result.status).toBe('ok');
      expect(result.requestsPerSecond!.median).toBeGreaterThan(0);
      expect(result.runs!.every((run) => run.non2xx === 0)).toBe(true);
      console.log(`bench smoke: ${engine} ran, ${result.requestsPerSecond!.median} requests/s`);
    }
  }, 300_000);

  it('fails when a peer gateway it was asked for is unavailable, and says which', async () => {
    const missingOut = join(out, 'missing-peers');
    const emptyPeers = mkdtempSync(join(tmpdir(), 'steward-bench-no-peers-'));
    const { code, output } = await runHarness(
      ['--smoke', '--only', 'gateways', '--engines', 'steward,grafbase', '--out', missingOut],
      { STEWARD_BENCH_PEERS_DIR: emptyPeers },
    );
    rmSync(emptyPeers, { recursive: true, force: true });
    expect(code).not.toBe(0);
    expect(output).toMatch(/asked for but unavailable: grafbase/);
    const results = JSON.parse(readFileSync(join(missingOut, 'latest.json'), 'utf8')) as SmokeResults;
    expect(results.gateways.engines.grafbase!.status).toBe('unavailable');
    expect(results.gateways.engines.steward!.status).toBe('ok');
  }, 120_000);

  it("measures the dashboard end to end in npm start's one process and in a process per subgraph", async () => {
    const e2eOut = join(out, 'e2e');
    const { code, output } = await runHarness(['--smoke', '--only', 'steward-e2e', '--out', e2eOut]);
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    const results = JSON.parse(readFileSync(join(e2eOut, 'latest.json'), 'utf8')) as {
      e2e: { topology: string };
      e2eByTopology: Record<string, { requestsPerSecond: { median: number }; non2xx: number }>;
      exactCounts: Record<string, { sqlPerRequest: number; subgraphCallsPerRequest: number }>;
    };
    expect(results.e2e.topology).toBe('single');
    expect(Object.keys(results.e2eByTopology).sort()).toEqual(['per-subgraph', 'single']);
    for (const topology of ['single', 'per-subgraph']) {
      expect(results.e2eByTopology[topology]!.requestsPerSecond.median).toBeGreaterThan(0);
      expect(results.e2eByTopology[topology]!.non2xx).toBe(0);
      // The same work whatever the layout: the plan's four calls, the same round trips to PostgreSQL.
      expect(results.exactCounts[`dashboard-${topology}`]!.subgraphCallsPerRequest).toBe(4);
      expect(results.exactCounts[`dashboard-${topology}`]!.sqlPerRequest).toBeLessThanOrEqual(12);
    }
  }, 180_000);

  it('exports and deletes a 2,000-row organization beside raw COPY and DELETE, the other tenant untouched', async () => {
    const docsBefore = statSync(docs, { throwIfNoEntry: false })?.mtimeMs;
    const lifecycleOut = join(out, 'lifecycle');
    const { code, output } = await runHarness(['--smoke', '--only', 'lifecycle', '--out', lifecycleOut]);
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    const { lifecycle } = JSON.parse(readFileSync(join(lifecycleOut, 'latest.json'), 'utf8')) as {
      lifecycle: LifecycleSmoke;
    };
    const { shape } = lifecycle.seeded;
    expect(lifecycle.seeded.rows).toBe(2000);
    // Every seeded row is in the archive (the admin who made the organization is one more member).
    expect(lifecycle.export[0]!.byType).toMatchObject({
      Organization: 1,
      Project: shape.projects,
      ProjectMembership: shape.projectMemberships,
      Invitation: shape.invitations,
      Membership: shape.memberships + 1,
      ApiKey: shape.apiKeys,
    });
    // The seed's project names sealed as Steward stores them (both organizations': the other's 1,000
    // rows hold 50 projects), and every one
    // opened by the export (the organization's name was sealed by createOrganization).
    expect(lifecycle.seeded.sealing.sealed['tenancy.projects.name']).toBe(shape.projects + 50);
    expect(lifecycle.export[0]!.sealedNames).toEqual({
      Organization: { records: 1, opened: 1, sealed: 0, erased: 0, unexpected: 0 },
      Project: { records: shape.projects, opened: shape.projects, sealed: 0, erased: 0, unexpected: 0 },
    });
    expect(lifecycle.copy[0]!.byType).toMatchObject({ ProjectMembership: shape.projectMemberships });
    expect(lifecycle.copy[0]!.rowsPerSecond).toBeGreaterThan(0);
    expect(lifecycle.export[0]!.rowsPerSecond).toBeGreaterThan(0);
    expect(lifecycle.deletion.status).toBe('measured');
    expect(lifecycle.deletion.raw!.tables.reduce((sum, t) => sum + t.rows, 0)).toBe(2000 + 2);
    expect(lifecycle.deletion.api!.status).toBe('ok');
    // Crypto-shredding: the organization's key destroyed after the request, before the completion;
    // a copy of its sealed name taken before the deletion opened then, and reads as erased after.
    const shred = lifecycle.deletion.api!.shred!;
    expect(shred.keys).toHaveLength(1);
    expect(shred.requestedToKeysDestroyedSeconds).toBeGreaterThan(0);
    expect(shred.keysDestroyedToCompletedSeconds).toBeGreaterThan(0);
    expect(lifecycle.deletion.shredCheck).toEqual({
      keysLeft: 0,
      copyOpenedBefore: 'Bench lifecycle',
      copyOpenedAfter: null,
    });
    // Nothing of the seeded rows left (audit events are retained by design).
    for (const table of Object.keys(lifecycle.deletion.remainingAfterApi!).filter((t) =>
      t.startsWith('tenancy.'),
    ))
      expect({ table, rows: lifecycle.deletion.remainingAfterApi![table] }).toEqual({ table, rows: 0 });
    expect(lifecycle.otherOrganizationUntouched).toBe(true);
    expect(statSync(docs, { throwIfNoEntry: false })?.mtimeMs).toBe(docsBefore);
  }, 120_000);
});
