// Builds the console (Vite, React) into gateway/console/dist, which the gateway serves at
// /console. Rebuilt only when its sources changed: the sources' digest is kept beside the output.
// `npm run console:build` forces it; `npm start` and the browser tests call ensureConsoleBuilt().
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONSOLE_ROOT = import.meta.dirname;
export const CONSOLE_DIST = join(CONSOLE_ROOT, 'dist');
const DIGEST_FILE = '.source-digest';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** A digest of everything the output depends on: the page, the sources and this build's settings. */
export function sourceDigest(): string {
  const hash = createHash('sha256');
  for (const path of [
    join(CONSOLE_ROOT, 'index.html'),
    import.meta.filename,
    ...filesUnder(join(CONSOLE_ROOT, 'src')),
  ].sort()) {
    hash.update(relative(CONSOLE_ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

/** True when dist holds a build of the current sources. */
export function consoleIsFresh(): boolean {
  const digest = join(CONSOLE_DIST, DIGEST_FILE);
  return existsSync(digest) && readFileSync(digest, 'utf8') === sourceDigest();
}

/**
 * Builds into a fresh folder and renames it over dist, so a gateway (or a parallel test worker)
 * never serves half a build.
 */
export async function buildConsole(): Promise<{ ms: number }> {
  const started = Date.now();
  const digest = sourceDigest();
  const { build } = await import('vite');
  const outDir = join(CONSOLE_ROOT, `.dist-${process.pid}-${Date.now()}`);
  // Vite sets the process's NODE_ENV to "production" when it is unset; the process that builds
  // (npm start) then read itself as production and refused to start without production's keys.
  const nodeEnv = process.env.NODE_ENV;
  await build({
    configFile: false,
    root: CONSOLE_ROOT,
    mode: 'production',
    // React's production build and JSX runtime whatever NODE_ENV the caller has (jest sets "test").
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    oxc: { jsx: { runtime: 'automatic', development: false } },
    base: '/console/',
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      assetsInlineLimit: 0,
      target: 'es2022',
      // No preload polyfill: nothing but the bundle's own files runs under the console's CSP.
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
    },
  }).finally(() => {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  });
  // Compressed once here, so the gateway sends gzip without compressing on every request.
  for (const path of filesUnder(join(outDir, 'assets'))) {
    if (/\.(js|css|svg|json)$/.test(path))
      writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
  }
  writeFileSync(join(outDir, DIGEST_FILE), digest);
  if (consoleIsFresh()) {
    // Another process built the same sources meanwhile: keep its output.
    rmSync(outDir, { recursive: true, force: true });
    return { ms: Date.now() - started };
  }
  const previous = `${CONSOLE_DIST}.old-${process.pid}`;
  try {
    renameSync(CONSOLE_DIST, previous);
  } catch {
    // No earlier build, or another process moved it: either way dist is free.
  }
  renameSync(outDir, CONSOLE_DIST);
  rmSync(previous, { recursive: true, force: true });
  return { ms: Date.now() - started };
}

/** Builds the console unless dist already holds a build of the current sources. */
export async function ensureConsoleBuilt(): Promise<'fresh' | 'built'> {
  if (consoleIsFresh()) return 'fresh';
  await buildConsole();
  return 'built';
}

/** The built JavaScript, raw and gzip-compressed bytes (what a first load downloads). */
export function bundleSize(): { files: number; bytes: number; gzipBytes: number } {
  const js = filesUnder(CONSOLE_DIST).filter((path) => path.endsWith('.js'));
  return {
    files: js.length,
    bytes: js.reduce((sum, path) => sum + statSync(path).size, 0),
    gzipBytes: js.reduce((sum, path) => sum + statSync(`${path}.gz`).size, 0),
  };
}

if (import.meta.main) {
  const { ms } = await buildConsole();
  const { files, bytes, gzipBytes } = bundleSize();
  const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`console built in ${ms} ms: ${files} script file(s), ${kB(bytes)} (${kB(gzipBytes)} gzip)`);
}
