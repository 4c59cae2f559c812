// Builds the development GraphQL explorer (GraphiQL, explorer.html and src/explorer/) into
// gateway/console/.dist-explorer, which the gateway serves at /explorer when NODE_ENV is not
// production. Its own bundle: the console's first load carries none of it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = import.meta.dirname;
export const EXPLORER_DIST = join(ROOT, '.dist-explorer');
const DIGEST_FILE = '.source-digest';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function sourceDigest(): string {
  const hash = createHash('sha256');
  const version = JSON.parse(readFileSync(join(ROOT, '../../node_modules/graphiql/package.json'), 'utf8'));
  hash.update(String(version.version));
  for (const path of [
    join(ROOT, 'explorer.html'),
    import.meta.filename,
    join(ROOT, 'src', 'session.ts'),
    ...filesUnder(join(ROOT, 'src', 'explorer')),
  ].sort()) {
    hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

export function explorerIsFresh(): boolean {
  const digest = join(EXPLORER_DIST, DIGEST_FILE);
  return existsSync(digest) && readFileSync(digest, 'utf8') === sourceDigest();
}

/** Builds into a fresh folder renamed over the output, as the console's build does. */
export async function buildExplorer(): Promise<void> {
  const digest = sourceDigest();
  const { build } = await import('vite');
  const outDir = join(ROOT, `.dist-explorer-${process.pid}-${Date.now()}`);
  await build({
    configFile: false,
    root: ROOT,
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    oxc: { jsx: { runtime: 'automatic', development: false } },
    base: '/explorer/',
    // GraphiQL's dependencies warn about directives bundling drops; errors still stop the build.
    logLevel: 'error',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      assetsInlineLimit: 0,
      target: 'es2022',
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      chunkSizeWarningLimit: 4096,
      rollupOptions: { input: join(ROOT, 'explorer.html') },
    },
  });
  writeFileSync(join(outDir, DIGEST_FILE), digest);
  if (explorerIsFresh()) {
    rmSync(outDir, { recursive: true, force: true });
    return;
  }
  rmSync(EXPLORER_DIST, { recursive: true, force: true });
  renameSync(outDir, EXPLORER_DIST);
}

/** Builds the explorer unless its output is a build of the current sources. */
export async function ensureExplorerBuilt(): Promise<void> {
  if (!explorerIsFresh()) await buildExplorer();
}

if (import.meta.main) {
  const started = Date.now();
  await buildExplorer();
  console.log(`explorer built in ${Date.now() - started} ms into ${EXPLORER_DIST}`);
}
