import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { consoleUrl, launchBrowser } from './support/browser.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

// How the gateway serves the console (content types, caching, the page for every app path, a CSP
// naming no other origin) and what a browser then allows: the console calls /graphql on its own
// origin; a page on another origin reaches the graph only when CORS_ORIGINS lists it.

let stack: TestStack;
let browser: Browser;
let allowedSite: { server: Server; origin: string };
let otherSite: { server: Server; origin: string };

/** A page on another origin, for cross-origin calls from the browser. */
async function site(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://localhost:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  [allowedSite, otherSite] = await Promise.all([site(), site()]);
  [stack, browser] = await Promise.all([
    startTestStack({ gateway: { corsOrigins: [allowedSite.origin] } }),
    launchBrowser(),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  allowedSite?.server.close();
  otherSite?.server.close();
});

const get = (path: string, init?: RequestInit) => fetch(new URL(path, stack.url), init);

/** A GET with the path exactly as given, dots and escapes included, and nothing decompressed. */
function raw(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; bytes: Buffer; headers: IncomingHttpHeaders }> {
  const { hostname, port } = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, body: bytes.toString('utf8'), bytes, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the console as the gateway serves it', () => {
  it('answers /console and any app path under it with the page, uncached, under a CSP of its own origin', async () => {
    for (const path of ['/console', '/console/', '/console/organizations/abc/audit', '/console/profile']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root"></div>');
    }
    const csp = (await get('/console/')).headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // No remote origin, scheme or wildcard anywhere in it.
    expect(csp).not.toMatch(/https?:|\*|'unsafe-inline'|'unsafe-eval'/);
  });

  it('serves the hashed assets with their content types, cached for a year; a missing one is 404', async () => {
    const page = await (await get('/console/')).text();
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(page)![1]!;
    const style = /href="(\/console\/assets\/[^"]+\.css)"/.exec(page)![1]!;
    const js = await get(script);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    const css = await get(style);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');

    expect((await get('/console/assets/missing-abc123.js')).status).toBe(404);
  });

  it('sends the assets gzip-compressed to a client that takes it: under 200 kB of script on a first load', async () => {
    const page = await (await get('/console/')).text();
    const scripts = [...page.matchAll(/src="(\/console\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    let compressed = 0;
    for (const script of scripts) {
      const plain = await raw(script);
      const zipped = await raw(script, { 'accept-encoding': 'gzip, br' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('accept-encoding');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(gunzipSync(zipped.bytes).equals(plain.bytes)).toBe(true);
      compressed += zipped.bytes.length;
    }
    expect(compressed).toBeLessThan(200 * 1024);
    const refused = await raw(scripts[0]!, { 'accept-encoding': 'gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('serves nothing outside the build and only GET and HEAD', async () => {
    // Sent as written (fetch would resolve the dots first).
    for (const path of [
      '/console/assets/../../build.ts',
      '/console/assets/..%2f..%2fbuild.ts',
      '/console/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/package.json',
    ]) {
      const response = await raw(path);
      expect(response.status).toBe(404);
      expect(response.body).not.toMatch(/buildConsole|"name"/);
    }
    const head = await get('/console/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    const post = await get('/console/', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
  });

  it('loads in Chromium from its own origin only, with no CSP violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const started = Date.now();
    await page.goto(consoleUrl(stack, '/'));
    await page.getByRole('heading', { name: 'Sign in to the Steward console' }).waitFor();
    const firstLoadMs = Date.now() - started;
    // What went over the wire for scripts (compressed), from the browser's own resource timing.
    const scriptBytes = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry instanceof PerformanceResourceTiming && entry.name.endsWith('.js'))
        .reduce(
          (sum, entry) => sum + (entry instanceof PerformanceResourceTiming ? entry.transferSize : 0),
          0,
        ),
    );
    expect(scriptBytes).toBeGreaterThan(0);
    expect(scriptBytes).toBeLessThan(200 * 1024);
    if (process.env.CONSOLE_MEASURE) console.log({ firstLoadMs, scriptBytes });

    const gateway = new URL(stack.url).origin;
    expect(requested.length).toBeGreaterThanOrEqual(3);
    for (const url of requested) expect(new URL(url).origin).toBe(gateway);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('CORS as a browser enforces it (issue 17)', () => {
  /** Runs in the page: a JSON POST to the graph, as a front end sends it (so with a preflight). */
  const callGraph = async (graphqlUrl: string) => {
    try {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      return { ok: true, body: await response.json() };
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  };

  it('the console page calls /graphql on its own origin', async () => {
    const page = await browser.newPage();
    await page.goto(consoleUrl(stack, '/'));
    const answer = await page.evaluate(callGraph, '/graphql');
    expect(answer).toEqual({ ok: true, body: { data: { __typename: 'Query' } } });
    await page.close();
  });

  it('a page on an origin in CORS_ORIGINS reaches the graph', async () => {
    const page = await browser.newPage();
    await page.goto(allowedSite.origin);
    const answer = await page.evaluate(callGraph, stack.url);
    expect(answer).toEqual({ ok: true, body: { data: { __typename: 'Query' } } });
    await page.close();
  });

  it('a page on an origin not in CORS_ORIGINS is refused by the browser', async () => {
    const page = await browser.newPage();
    await page.goto(otherSite.origin);
    const answer = await page.evaluate(callGraph, stack.url);
    expect(answer).toEqual({ ok: false, error: expect.stringContaining('Failed to fetch') });
    await page.close();
  });
});
