import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { txtLookup } from '../subgraphs/identity/src/organization-sso/domain-verification.ts';
import { consoleUrl, launchBrowser, openConsole, screenshot, signInByCode } from './support/browser.ts';
import { startDnsServer, type LocalDnsServer } from './support/dns-server.ts';
import { startOidcProvider, type LocalOidcProvider } from './support/oidc-provider.ts';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';

// Signing in to the console through the person's organization's own identity provider (a real
// oidc-provider, its domain proven through a real DNS server): the console asks the graph where to
// go, Chromium goes there, signs in on the provider's page, comes back to /console/sso/callback,
// and the console completes the sign-in through the graph.

let dns: LocalDnsServer;
let stack: TestStack;
let idp: LocalOidcProvider;
let browser: Browser;
let domain: string;

beforeAll(async () => {
  dns = await startDnsServer();
  [stack, browser] = await Promise.all([
    startTestStack({ identity: { txtLookup: txtLookup([dns.server]) } }),
    launchBrowser(),
  ]);
  idp = await startOidcProvider({ redirectUri: consoleUrl(stack, '/sso/callback') });
  domain = `sso-${randomUUID().slice(0, 8)}.steward.test`;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await idp?.close();
  await dns?.close();
});

const ssoForm = (page: Page) => page.getByRole('form', { name: 'With your organization’s single sign-on' });

describe("an admin sets up the organization's single sign-on in the console", () => {
  it('saves the provider, adds the domain, and verifies it once its TXT record is published', async () => {
    const { page, context } = await openConsole(browser, stack);
    await signInByCode(page, stack, uniqueEmail('console-sso-admin'));
    await page.getByLabel('Organization name').fill('SSO Org');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('heading', { name: 'SSO Org', level: 1 }).waitFor();
    await page
      .getByRole('navigation', { name: 'Organization' })
      .getByRole('link', { name: 'Single sign-on' })
      .click();
    await page.getByText('Not set up: members sign in by code or password.').waitFor();

    await page.getByLabel('Issuer URL').fill(idp.issuer);
    await page.getByLabel('Client id').fill(idp.clientId);
    await page.getByLabel(/^Client secret/).fill(idp.clientSecret);
    await page.getByRole('button', { name: 'Save single sign-on' }).click();
    await page.getByText('Single sign-on saved.').waitFor();
    expect(await page.getByText('Stored (never shown)').count()).toBe(1);
    expect(await page.content()).not.toContain(idp.clientSecret);

    await page.getByLabel('Domain', { exact: true }).fill(domain);
    await page.getByRole('button', { name: 'Add domain' }).click();
    await page.getByText(`${domain} added: publish its TXT record, then verify it.`).waitFor();
    // Not published yet: refused in words, nothing verified.
    await page.getByRole('button', { name: `Verify ${domain}` }).click();
    await page.getByRole('alert').waitFor();
    const row = page
      .getByRole('table', { name: 'Single sign-on domains' })
      .getByRole('row', { name: new RegExp(domain) });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Not yet');

    const [name, value] = await row.getByRole('cell').first().locator('code').allTextContents();
    dns.txt.set(name!, [value!]);
    await page.getByRole('button', { name: `Verify ${domain}` }).click();
    await page.getByText(`${domain} is verified: its people sign in through your provider.`).waitFor();
    await screenshot(page, 'single-sign-on');
    await context.close();
  });
});

describe("the console's sign-in through the organization's single sign-on", () => {
  it("goes to the organization's provider and comes back signed in", async () => {
    const email = `ada-${randomUUID().slice(0, 8)}@${domain}`;
    const login = `sub-${email}`;
    idp.accounts.set(login, { email, email_verified: true, name: 'Ada' });
    const { page, context } = await openConsole(browser, stack);
    // The provider's development pages import a web font: nothing leaves the machine in a test.
    await context.route(/^https:\/\//, (route) => route.abort());

    await ssoForm(page).getByLabel('Work email').fill(email);
    await ssoForm(page).getByRole('button', { name: 'Continue with single sign-on' }).click();
    // The provider's own sign-in and consent pages.
    await page.waitForURL((url) => url.origin === new URL(idp.issuer).origin, { waitUntil: 'commit' });
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    await page.getByText(email).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console');
    const storage = await page.evaluate(() => Object.keys(sessionStorage));
    expect(storage).toEqual(['steward.console.token']);
    const token = await page.evaluate(() => sessionStorage.getItem('steward.console.token'));
    const me = await stack.graphql<{ me: { email: string } }>('{ me { email } }', {}, token!);
    expect(me.data?.me.email).toBe(email);
    await context.close();
  });

  it('an address no organization signs in is told so in words, and stays on the sign-in page', async () => {
    const { page, context } = await openConsole(browser, stack);
    await ssoForm(page)
      .getByLabel('Work email')
      .fill(`someone@elsewhere-${randomUUID().slice(0, 8)}.test`);
    await ssoForm(page).getByRole('button', { name: 'Continue with single sign-on' }).click();
    await ssoForm(page).getByRole('alert').waitFor();
    expect(await ssoForm(page).getByRole('alert').textContent()).toBe(
      'No organization signs in this address with single sign-on. Sign in with a code or a password.',
    );
    await screenshot(page, 'sign-in-sso-refused');
    await context.close();
  });

  it('a callback the console did not start, or a forged one, signs no one in', async () => {
    const { page, context } = await openConsole(browser, stack, '/sso/callback?code=x&state=y');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(
      'This sign-in was not started here, or was already completed. Start again.',
    );

    // Started for a real organization, but the provider's answer is forged: the graph refuses it.
    const email = `eve-${randomUUID().slice(0, 8)}@${domain}`;
    await context.route(/^https:\/\//, (route) => route.abort());
    await page.goto(consoleUrl(stack));
    await ssoForm(page).getByLabel('Work email').fill(email);
    await ssoForm(page).getByRole('button', { name: 'Continue with single sign-on' }).click();
    await page.waitForURL((url) => url.origin === new URL(idp.issuer).origin, { waitUntil: 'commit' });
    await page.goto(consoleUrl(stack, '/sso/callback?code=forged&state=forged'));
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/^Sign-in refused/);
    expect(await page.evaluate(() => sessionStorage.getItem('steward.console.token'))).toBeNull();
    await page.getByRole('link', { name: 'Back to sign-in' }).click();
    await page.getByRole('heading', { name: 'Sign in to the Steward console' }).waitFor();
    await context.close();
  });
});
