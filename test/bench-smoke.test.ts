import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';

// The benchmark harness in smoke mode (seconds), so it never rots: Steward's gateway and stock
// Apollo Gateway on the in-memory fixture, 1 s each, once. The peers of bench/peers are not needed.
const root = join(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'steward-bench-smoke-'));
const docs = join(root, 'docs', 'PERFORMANCE.md');

afterAll(() => rmSync(out, { recursive: true, force: true }));

function runHarness(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'bench.ts'), ...args], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '' },
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
});
