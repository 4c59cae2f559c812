import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { consoleUrl, launchBrowser, openConsole, screenshot, signInByCode } from './support/browser.ts';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { join, organization } from './support/tenancy-fixtures.ts';

// A member who is not an admin, in the console: the admin sections and actions are not offered,
// and an admin page forced by its URL shows the graph's refusal in words. Someone outside the
// organization gets "not found", never a hint that it exists.

const ADMIN_SECTIONS = [
  'Members',
  'Sessions and sign-ins',
  'Audit log',
  'API keys',
  'Data',
  'Sign-in policy',
  'Single sign-on',
];
const FORBIDDEN_IN_WORDS =
  'Your role does not allow this action. Only an admin of the organization may do it.';
const NOT_FOUND_IN_WORDS = 'Not found: it does not exist, or it is not visible to you.';

let stack: TestStack;
let browser: Browser;
let page: Page;
let organizationId: string;
let memberEmail: string;
let adminToken: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  const created = await organization(stack, 'console-member');
  organizationId = created.organizationId;
  adminToken = created.admin.token;
  memberEmail = (await join(stack, created.admin.token, { organizationId, role: 'MEMBER' }, 'console-member'))
    .email;
  ({ page } = await openConsole(browser, stack));
  await signInByCode(page, stack, memberEmail);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const sections = () => page.getByRole('navigation', { name: 'Organization' }).getByRole('link');

describe('the console, as a member without the admin role', () => {
  it('picks the organization and is offered none of the admin sections', async () => {
    await page.getByRole('list', { name: 'Your organizations' }).getByRole('link').click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.getByText('Your role').locator('xpath=following-sibling::dd[1]').textContent()).toBe(
      'Member',
    );
    const offered = await sections().allTextContents();
    expect(offered).toEqual(['All organizations', 'Overview', 'Projects']);
    for (const name of ADMIN_SECTIONS) expect(offered).not.toContain(name);
  });

  it.each([
    ['audit', 'Audit log'],
    ['members', 'Members'],
    ['api-keys', 'API keys'],
    ['sign-in-policy', 'Sign-in policy'],
  ])(
    'an admin page forced by its URL (/%s) shows the refusal in words and offers no action',
    async (path) => {
      await page.goto(consoleUrl(stack, `/organizations/${organizationId}/${path}`));
      await page.getByRole('alert').first().waitFor();
      expect(await page.getByRole('alert').allTextContents()).toContain(FORBIDDEN_IN_WORDS);
      if (path === 'audit') await screenshot(page, 'member-refused');
      for (const action of [
        'Invite',
        'Change role',
        'Remove',
        'End sessions',
        'Create key',
        'Revoke',
        'Download CSV',
        'Download JSON Lines',
        'Save policy',
      ]) {
        expect(await page.getByRole('button', { name: action, exact: true }).count()).toBe(0);
      }
    },
  );

  it('the data page offers no export to a member', async () => {
    await page.goto(consoleUrl(stack, `/organizations/${organizationId}/data`));
    await page.getByRole('heading', { name: 'Export the organization’s data' }).waitFor();
    expect(await page.getByRole('button', { name: 'Request an export' }).count()).toBe(0);
  });
});

describe('the console, as someone outside the organization', () => {
  it("gets not found for another organization's audit log, in words", async () => {
    const { page: outsider, context } = await openConsole(browser, stack);
    await signInByCode(outsider, stack, uniqueEmail('console-outsider'));
    await outsider.goto(consoleUrl(stack, `/organizations/${organizationId}/audit`));
    await outsider.getByRole('alert').first().waitFor();
    expect(await outsider.getByRole('alert').allTextContents()).toContain(NOT_FOUND_IN_WORDS);
    await context.close();
  });
});

describe('the console when a session ends or a password is used', () => {
  it("shows sign-in again once an admin ended the member's sessions", async () => {
    const member = await stack.graphql<{ me: { id: string } }>('{ me { id } }', {}, await memberToken());
    const ended = await stack.graphql<{ revokeUserSessions: number }>(
      `mutation ($o: ID!, $u: ID!) { revokeUserSessions(organizationId: $o, userId: $u) }`,
      { o: organizationId, u: member.data!.me.id },
      adminToken,
    );
    expect(ended.data?.revokeUserSessions).toBeGreaterThanOrEqual(1);

    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Sign in to the Steward console' }).waitFor();
    await page.getByText('Your session has ended. Sign in again.').waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('signs in with a password; a wrong one is refused in words', async () => {
    const password = 'correct horse battery staple 42';
    const signedIn = await stack.signIn(memberEmail);
    const set = await stack.graphql(
      `mutation ($p: String!) { setPassword(newPassword: $p) }`,
      { p: password },
      signedIn.token,
    );
    expect(set.errors).toBeUndefined();

    const form = page.getByRole('form', { name: 'With a password' });
    await form.getByLabel('Email').fill(memberEmail);
    await form.getByLabel('Password').fill('not the password at all');
    await form.getByRole('button', { name: 'Sign in with password' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByRole('alert').textContent()).toBe('Sign-in refused: Invalid email or password');

    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Sign in with password' }).click();
    // Back on the page the ended session left (the profile), signed in again.
    await page.getByRole('heading', { name: 'Your profile' }).waitFor();
    await page.getByText(memberEmail).first().waitFor();
  });
});

/** The member's token as the console holds it, from the page's sessionStorage. */
async function memberToken(): Promise<string> {
  const token = await page.evaluate(() => sessionStorage.getItem('steward.console.token'));
  if (!token) throw new Error('the console holds no token');
  return token;
}
