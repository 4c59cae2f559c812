import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { ensureExplorer, launchBrowser, screenshot } from './support/browser.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

// The development GraphQL explorer: GraphiQL bundled from its npm package and served by the
// gateway at /explorer, in place of Apollo's landing page that loads Sandbox from a CDN. In
// Chromium: the page loads the schema and runs a query, and not one request leaves the gateway's
// origin.

let stack: TestStack;
let production: TestStack;
let browser: Browser;
beforeAll(async () => {
  await ensureExplorer();
  [stack, production, browser] = await Promise.all([
    startTestStack(),
    startTestStack({ production: true }),
    launchBrowser(),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all([stack?.close(), production?.close()]);
});

const at = (path: string) => new URL(path, stack.url).toString();

describe('the development explorer', () => {
  it('loads GraphiQL and the schema, runs a query, and requests nothing from another origin', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    const response = await page.goto(at('/explorer/'));
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    const introspected = page.waitForResponse(
      async (r) => r.url() === at('/graphql') && (r.request().postData() ?? '').includes('__schema'),
    );
    await page.locator('.graphiql-container').waitFor();
    expect((await (await introspected).json()).data.__schema).toBeDefined();

    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('{ __typename');
    await page.getByRole('button', { name: /Execute query/ }).click();
    await page.locator('.result-window').getByText('"Query"').waitFor();
    await screenshot(page, 'explorer');

    const origin = new URL(stack.url).origin;
    const elsewhere = requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
    expect(elsewhere).toEqual([]);
    expect(requested.length).toBeGreaterThan(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends a browser opening GET /graphql to the explorer; Apollo’s landing page is gone', async () => {
    const response = await fetch(at('/graphql'), { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/explorer/');
    const body = await (await fetch(at('/explorer/'))).text();
    expect(body).not.toMatch(/apollographql|embeddable-sandbox|cdn\./i);
  });

  it('serves only its build: a missing asset is 404, and only GET and HEAD', async () => {
    expect((await fetch(at('/explorer/assets/missing-abc123.js'))).status).toBe(404);
    expect((await fetch(at('/explorer/assets/%2e%2e%2f%2e%2e%2fpackage.json'))).status).toBe(404);
    expect((await fetch(at('/explorer/'), { method: 'POST' })).status).toBe(405);
  });

  it('is not served in production, and GET /graphql shows no landing page there', async () => {
    expect((await fetch(new URL('/explorer/', production.url))).status).toBe(404);
    const page = await fetch(new URL('/graphql', production.url), {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(page.status).not.toBe(302);
    expect(await page.text()).not.toMatch(/sandbox|<html/i);
  });
});
