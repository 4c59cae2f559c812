import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { licenseFindings, packagesOfLockfile, verdictOf, type LockedPackage } from './licenses.ts';

const pkg = (path: string, license: string | undefined, dev = false): LockedPackage => ({
  path,
  license,
  dev,
});

describe('licence verdicts', () => {
  it('reads SPDX expressions: OR takes the best licence, AND the worst', () => {
    expect(verdictOf('MIT')).toBe('permissive');
    expect(verdictOf('(MIT AND BSD-3-Clause)')).toBe('permissive');
    expect(verdictOf('AGPL-3.0-or-later')).toBe('copyleft');
    expect(verdictOf('GPL-2.0+')).toBe('copyleft');
    expect(verdictOf('LGPL-3.0-only')).toBe('copyleft');
    expect(verdictOf('SSPL-1.0')).toBe('copyleft');
    expect(verdictOf('EUPL-1.2')).toBe('copyleft');
    expect(verdictOf('(MIT OR GPL-3.0)')).toBe('permissive');
    expect(verdictOf('MIT AND LGPL-2.1')).toBe('copyleft');
    expect(verdictOf('(Apache-2.0 WITH LLVM-exception OR GPL-2.0) AND AGPL-3.0')).toBe('copyleft');
    expect(verdictOf('GPL-2.0 WITH Classpath-exception-2.0')).toBe('copyleft');
    expect(verdictOf('SEE LICENSE IN LICENSE.txt')).toBe('unknown');
    expect(verdictOf(undefined)).toBe('unknown');
  });
});

describe('licence check of production dependencies', () => {
  it('refuses a copyleft production package, transitive included; development packages are not shipped', () => {
    const findings = licenseFindings([
      pkg('node_modules/pg', 'MIT'),
      pkg('node_modules/ua-parser-js', 'AGPL-3.0-or-later'),
      pkg('node_modules/some-lib/node_modules/@scope/deep', 'GPL-3.0-only'),
      pkg('node_modules/dev-only-tool', 'GPL-3.0', true),
      pkg('node_modules/mystery', undefined),
      pkg('node_modules/@apollo/gateway', 'Elastic-2.0'),
      pkg('node_modules/not-apollo', 'Elastic-2.0'),
    ]);
    expect(findings).toEqual([
      { package: 'ua-parser-js', license: 'AGPL-3.0-or-later', verdict: 'copyleft' },
      { package: '@scope/deep', license: 'GPL-3.0-only', verdict: 'copyleft' },
      { package: 'mystery', license: '(none declared)', verdict: 'unknown' },
      { package: 'not-apollo', license: 'Elastic-2.0', verdict: 'unknown' },
    ]);
  });

  it('takes production packages from the lockfile: dev and devOptional left out, optional kept', () => {
    const packages = packagesOfLockfile({
      packages: {
        '': { license: 'UNLICENSED' },
        'node_modules/a': { license: 'MIT' },
        'node_modules/b': { license: 'GPL-3.0', dev: true },
        'node_modules/c': { license: 'GPL-3.0', devOptional: true },
        'node_modules/d': { licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] },
        'node_modules/e': { license: 'LGPL-3.0', optional: true } as never,
        'node_modules/f': { link: true },
      },
    });
    expect(packages.filter((p) => !p.dev).map((p) => [p.path, p.license])).toEqual([
      ['node_modules/a', 'MIT'],
      ['node_modules/d', 'MIT OR Apache-2.0'],
      ['node_modules/e', 'LGPL-3.0'],
    ]);
  });

  it('npm run check-licenses exits 1 naming the copyleft package, and 0 on the project lockfile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-licenses-'));
    try {
      const lockfile = join(dir, 'package-lock.json');
      writeFileSync(
        lockfile,
        JSON.stringify({
          lockfileVersion: 3,
          packages: {
            '': { name: 'fake' },
            'node_modules/ua-parser-js': { version: '2.0.10', license: 'AGPL-3.0-or-later' },
            'node_modules/pg': { version: '8.23.0', license: 'MIT' },
          },
        }),
      );
      const run = (file?: string) => {
        try {
          const out = execFileSync(process.execPath, ['scripts/check-licenses.ts', ...(file ? [file] : [])], {
            encoding: 'utf8',
            stdio: 'pipe',
          });
          return { status: 0, out };
        } catch (error) {
          const failed = error as { status: number; stdout: string; stderr: string };
          return { status: failed.status, out: failed.stdout + failed.stderr };
        }
      };
      const refused = run(lockfile);
      expect(refused.status).toBe(1);
      expect(refused.out).toContain('ua-parser-js: AGPL-3.0-or-later (copyleft)');
      const project = run();
      expect(project).toMatchObject({ status: 0, out: expect.stringContaining('none copyleft') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
