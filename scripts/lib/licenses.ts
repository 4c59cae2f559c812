/**
 * The licence policy of Steward's production dependencies: a SaaS operator runs Steward without
 * inheriting a copyleft obligation, so no production dependency (transitive included) may be
 * under a copyleft licence, and one whose licence is not known to be permissive needs a decision
 * written down here.
 */

/** One installed package as the lockfile records it. */
export interface LockedPackage {
  /** Its path in the lockfile, e.g. `node_modules/pg`. */
  path: string;
  /** The SPDX expression of its package.json; undefined when it declares none. */
  license: string | undefined;
  /** Only a development dependency (not shipped in production). */
  dev: boolean;
}

/** Copyleft licences (strong, weak-but-linking and network), matched on the SPDX identifier. */
const COPYLEFT =
  /^(AGPL|GPL|LGPL|SSPL|EUPL|OSL|RPL|CPAL|CECILL|Sleepycat|Parity|CC-BY-SA|CC-BY-NC|QPL|NPOSL|APSL|RPSL|CPL|EPL|MPL|CDDL|MS-RL|Watcom|OCLC|ODbL)(-|$)/i;

/** Permissive licences: use, change and ship with notices, nothing more. */
const PERMISSIVE = new Set(
  [
    'MIT',
    'MIT-0',
    'ISC',
    'BSD-2-Clause',
    'BSD-3-Clause',
    '0BSD',
    'Apache-2.0',
    'BlueOak-1.0.0',
    'Unlicense',
    'CC0-1.0',
    'Zlib',
    'Python-2.0',
    'PostgreSQL',
    'CC-BY-4.0',
    'CC-BY-3.0',
  ].map((id) => id.toLowerCase()),
);

/**
 * Licences that are neither copyleft nor plainly permissive, accepted after review for the
 * packages named, with the reason.
 */
export const REVIEWED: Record<string, { packages: RegExp; reason: string }> = {
  'Elastic-2.0': {
    packages: /^@apollo\//,
    reason:
      "Apollo Federation's gateway and query planner: source-available, no copyleft; it forbids offering the gateway itself as a managed service, which Steward does not do",
  },
};

export type Verdict = 'permissive' | 'copyleft' | 'unknown';

/** The verdict on one SPDX identifier (a `WITH` exception keeps the licence's own verdict). */
function verdictOfId(id: string): Verdict {
  const bare = id.replace(/\+$/, '').replace(/-(only|or-later)$/i, '');
  if (COPYLEFT.test(bare)) return 'copyleft';
  if (PERMISSIVE.has(bare.toLowerCase())) return 'permissive';
  return 'unknown';
}

const RANK: Record<Verdict, number> = { permissive: 0, unknown: 1, copyleft: 2 };
const worst = (a: Verdict, b: Verdict): Verdict => (RANK[a] >= RANK[b] ? a : b);
const best = (a: Verdict, b: Verdict): Verdict => (RANK[a] <= RANK[b] ? a : b);

/**
 * The verdict on an SPDX expression: with OR the user picks the best licence, with AND every
 * licence applies. `(MIT OR GPL-3.0)` is permissive; `MIT AND LGPL-2.1` is copyleft.
 */
export function verdictOf(expression: string | undefined): Verdict {
  if (!expression?.trim()) return 'unknown';
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let at = 0;
  const primary = (): Verdict => {
    const token = tokens[at++];
    if (token === undefined) return 'unknown';
    if (token === '(') {
      const inner = or();
      if (tokens[at] === ')') at++;
      return inner;
    }
    if (tokens[at]?.toUpperCase() === 'WITH') at += 2;
    return verdictOfId(token);
  };
  const and = (): Verdict => {
    let verdict = primary();
    while (tokens[at]?.toUpperCase() === 'AND') {
      at++;
      verdict = worst(verdict, primary());
    }
    return verdict;
  };
  const or = (): Verdict => {
    let verdict = and();
    while (tokens[at]?.toUpperCase() === 'OR') {
      at++;
      verdict = best(verdict, and());
    }
    return verdict;
  };
  const verdict = or();
  return at === tokens.length ? verdict : 'unknown';
}

/** The name of a package from its lockfile path (`node_modules/a/node_modules/@s/b` → `@s/b`). */
export const packageNameOf = (path: string): string => path.split('node_modules/').pop()!;

export interface LicenseFinding {
  package: string;
  license: string;
  verdict: Exclude<Verdict, 'permissive'>;
}

/** Every production package whose licence is copyleft, or unknown and not reviewed. */
export function licenseFindings(packages: readonly LockedPackage[]): LicenseFinding[] {
  const findings: LicenseFinding[] = [];
  for (const pkg of packages) {
    if (pkg.dev) continue;
    const name = packageNameOf(pkg.path);
    const verdict = verdictOf(pkg.license);
    if (verdict === 'permissive') continue;
    const reviewed = pkg.license ? REVIEWED[pkg.license] : undefined;
    if (verdict === 'unknown' && reviewed?.packages.test(name)) continue;
    findings.push({ package: name, license: pkg.license ?? '(none declared)', verdict });
  }
  return findings;
}

interface LockfileEntry {
  license?: unknown;
  licenses?: unknown;
  dev?: boolean;
  devOptional?: boolean;
  link?: boolean;
}

/** The lockfile's packages (v2/v3 `packages` map), the root project and workspace links left out. */
export function packagesOfLockfile(lockfile: { packages?: Record<string, LockfileEntry> }): LockedPackage[] {
  return Object.entries(lockfile.packages ?? {})
    .filter(([path, entry]) => path !== '' && !entry.link)
    .map(([path, entry]) => ({
      path,
      license: licenseField(entry),
      // devOptional: in the development tree and an optional one, never needed in production.
      dev: entry.dev === true || entry.devOptional === true,
    }));
}

/** `license` as SPDX; the legacy `licenses: [{ type }]` array read as their OR. */
function licenseField(entry: LockfileEntry): string | undefined {
  if (typeof entry.license === 'string') return entry.license;
  if (entry.license && typeof entry.license === 'object' && 'type' in entry.license)
    return String((entry.license as { type: unknown }).type);
  if (Array.isArray(entry.licenses))
    return entry.licenses.map((l: { type?: unknown }) => String(l?.type)).join(' OR ') || undefined;
  return undefined;
}
