import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_TYPEDEFS } from '../fixture/subgraphs.ts';
import { startChild, type Child } from '../lib/child.ts';
import { GRAFBASE_BINARY as BINARY } from '../lib/peers.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * `grafbase dev` (the Rust gateway inside the grafbase npm package) over the fixture's subgraphs,
 * given by schema file and URL. Ready once it prints `Listening` and answers.
 */
export async function startGrafbase(urls: Record<string, string>, cpus: string): Promise<Child> {
  if (!existsSync(BINARY))
    throw new Error(`grafbase binary missing: ${BINARY} (npm ci --prefix bench/peers)`);
  const dir = mkdtempSync(join(tmpdir(), 'steward-grafbase-'));
  // The gateway configuration names the subgraphs' URLs; the graph overrides add their schemas
  // (without a graph reference, `grafbase dev` composes the graph from these files).
  const gateway: string[] = [];
  const overrides: string[] = [];
  for (const [name, sdl] of Object.entries(FIXTURE_TYPEDEFS)) {
    writeFileSync(join(dir, `${name}.graphql`), sdl);
    gateway.push(`[subgraphs.${name}]`, `url = "${urls[name]}"`, '');
    overrides.push(`[subgraphs.${name}]`, `url = "${urls[name]}"`, `schema_path = "./${name}.graphql"`, '');
  }
  writeFileSync(join(dir, 'gateway.toml'), gateway.join('\n'));
  writeFileSync(join(dir, 'overrides.toml'), overrides.join('\n'));
  const port = await freePort();
  const child = await startChild(
    BINARY,
    ['dev', '-c', 'gateway.toml', '-o', 'overrides.toml', '--port', String(port)],
    {
      cpus,
      cwd: dir,
      env: { ...process.env, GRAFBASE_DISABLE_TELEMETRY: 'true', NO_COLOR: '1' },
      readyPattern: /(Listening)/,
      timeoutMs: 60_000,
    },
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  // Its log line may come before it accepts: wait until it answers.
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{__typename}"}',
      });
      return { ...child, ready: url };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  await child.stop();
  throw new Error(`grafbase dev did not answer on ${url}`);
}
