import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { consoleUrl, launchBrowser, openConsole, screenshot, signInByCode } from './support/browser.ts';
import { latestCode, movableClock, withoutIpLimits } from './support/sign-in.ts';
import { SoftwareAuthenticator } from './support/software-authenticator.ts';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';
import { CREATE_ORGANIZATION, join } from './support/tenancy-fixtures.ts';

// Second factors in the console, in Chromium against the real stack: signing in with an
// authenticator app's code after the first factor, enrolling and removing the app, recovery
// codes, passkeys listed and removed, a stale session stepped up before an API key is created
// (and the action retried), and an organization's sign-in policy with its refusal in words.
// Codes are computed from the secret as an app would; the identity clock is the test's.

// Passkeys for localhost: the console is opened at http://localhost:<gateway port>, the origin
// Chromium's virtual authenticator signs for (known once the stack listens).
const RP_ID = 'localhost';
const origins: string[] = [];
const clock = movableClock();
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startTestStack({
      identity: {
        now: clock.now,
        bruteForce: withoutIpLimits,
        webauthn: { rpId: RP_ID, rpName: 'Steward tests', origins },
      },
    }),
    launchBrowser(),
  ]);
  origins.push(localOrigin());
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const localOrigin = () => `http://localhost:${new URL(stack.url).port}`;

const codeAt = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock.now().getTime() });
/** The next 30-second step: a code works once per step. */
const nextStep = () => clock.advance(30_000);
/** Past STEWARD_REAUTHENTICATION_MINUTES (5): the session needs a step-up for sensitive actions. */
const stale = () => clock.advance(6 * 60_000);

/** A person with a confirmed authenticator app and an organization they administer, through the API. */
async function enrolledAdmin(label: string) {
  const email = uniqueEmail(label);
  const { token } = await stack.signIn(email);
  const created = await stack.graphql<{ createOrganization: { id: string } }>(
    CREATE_ORGANIZATION,
    { name: `Console ${label}` },
    token,
  );
  expect(created.errors).toBeUndefined();
  const started = await stack.graphql<{ startTotpEnrolment: { secret: string } }>(
    'mutation { startTotpEnrolment { secret } }',
    {},
    token,
  );
  const { secret } = started.data!.startTotpEnrolment;
  const confirmed = await stack.graphql<{ confirmTotpEnrolment: { codes: string[] } }>(
    'mutation ($c: String!) { confirmTotpEnrolment(code: $c) { codes } }',
    {
      c: codeAt(secret),
    },
    token,
  );
  expect(confirmed.errors).toBeUndefined();
  nextStep();
  return {
    email,
    token,
    secret,
    recoveryCodes: confirmed.data!.confirmTotpEnrolment.codes,
    organizationId: created.data!.createOrganization.id,
  };
}

/** Code sign-in in the console up to the second factor's form. */
async function firstFactor(page: Page, email: string) {
  const form = page.getByRole('form', { name: 'With a code sent by email' });
  await form.getByLabel('Email').fill(email);
  await form.getByRole('button', { name: 'Send code' }).click();
  await form.getByLabel('Code').waitFor();
  await form.getByLabel('Code').fill(latestCode(stack, email));
  await form.getByRole('button', { name: 'Sign in' }).click();
  return page.getByRole('form', { name: 'Second factor' });
}

describe('signing in with a second factor', () => {
  let admin: Awaited<ReturnType<typeof enrolledAdmin>>;
  let page: Page;

  it('asks for the app code after the emailed code; a wrong one is refused in words, the right one signs in', async () => {
    admin = await enrolledAdmin('console-2fa');
    ({ page } = await openConsole(browser, stack));
    const factor = await firstFactor(page, admin.email);
    await factor.waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await screenshot(page, 'second-factor');

    const right = codeAt(admin.secret);
    await factor.getByLabel('App code').fill(String((Number(right) + 500_000) % 1_000_000).padStart(6, '0'));
    await factor.getByRole('button', { name: 'Continue' }).click();
    await factor.getByRole('alert').waitFor();
    expect(await factor.getByRole('alert').textContent()).toBe(
      'That code is not right, or was already used. Check it, then retry.',
    );

    await factor.getByLabel('App code').fill(right);
    await factor.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(1);
    nextStep();
  });

  it('on a stale session, creating an API key asks for the app code, steps up and creates the key', async () => {
    stale();
    await page.goto(consoleUrl(stack, `/organizations/${admin.organizationId}/api-keys`));
    await page.getByLabel('Key name').fill('Partner');
    await page.getByRole('checkbox', { name: 'audit:read' }).check();
    await page.getByRole('button', { name: 'Create key' }).click();

    const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
    await dialog.waitFor();
    const before = await stack.graphql(
      `query ($o: ID!) { apiKeys(organizationId: $o) { id } }`,
      {
        o: admin.organizationId,
      },
      admin.token,
    );
    expect(before.data).toEqual({ apiKeys: [] });
    await screenshot(page, 'step-up');
    // A wrong code is refused in the dialog, which stays; the key is not created.
    await dialog.getByLabel('Authenticator app code').fill('000000');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toBe(
      'That code is not right, or was already used. Check it, then retry.',
    );
    expect(await page.evaluate(() => sessionStorage.length)).toBe(1);
    await dialog.getByLabel('Authenticator app code').fill(codeAt(admin.secret));
    await dialog.getByRole('button', { name: 'Confirm' }).click();

    const secret = await page.getByRole('textbox', { name: 'Secret' }).inputValue();
    expect(secret.length).toBeGreaterThan(20);
    expect(await dialog.count()).toBe(0);
    nextStep();
  });

  it('sets the sign-in policy; a member without a second factor is refused in words', async () => {
    const member = await join(
      stack,
      admin.token,
      { organizationId: admin.organizationId, role: 'MEMBER' },
      'console-2fa-member',
    );

    await page.goto(consoleUrl(stack, `/organizations/${admin.organizationId}`));
    await page
      .getByRole('navigation', { name: 'Organization' })
      .getByRole('link', { name: 'Sign-in policy' })
      .click();
    await page.getByRole('radio', { name: 'Everyone' }).check();
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('The sign-in policy was saved.').waitFor();
    const policy = await stack.graphql<{ signInPolicy: { secondFactor: string } }>(
      'query ($o: ID!) { signInPolicy(organizationId: $o) { secondFactor } }',
      { o: admin.organizationId },
      admin.token,
    );
    expect(policy.data?.signInPolicy.secondFactor).toBe('EVERYONE');
    await screenshot(page, 'sign-in-policy');

    // Allowing only passwords would refuse the admin's own session (signed in by a mailed code):
    // refused in words, nothing changed.
    await page.getByRole('checkbox', { name: 'Any method' }).uncheck();
    await page.getByRole('checkbox', { name: 'Password' }).check();
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(
      'This policy would refuse your own session. Enrol a second factor, or keep a method you signed in with.',
    );
    const unchanged = await stack.graphql<{ signInPolicy: { allowedMethods: string[] | null } }>(
      'query ($o: ID!) { signInPolicy(organizationId: $o) { allowedMethods } }',
      { o: admin.organizationId },
      admin.token,
    );
    expect(unchanged.data?.signInPolicy.allowedMethods).toBeNull();

    const { page: memberPage, context } = await openConsole(browser, stack);
    await signInByCode(memberPage, stack, member.email);
    await memberPage.goto(consoleUrl(stack, `/organizations/${admin.organizationId}/members`));
    await memberPage.getByRole('alert').first().waitFor();
    expect(await memberPage.getByRole('alert').allTextContents()).toContain(
      'This organization requires a second factor: enrol one in your profile.',
    );
    await context.close();
  });
});

describe('signing in with a recovery code', () => {
  it('takes a recovery code instead of the app, once', async () => {
    const person = await enrolledAdmin('console-recovery');
    const { page, context } = await openConsole(browser, stack);
    const factor = await firstFactor(page, person.email);
    await factor.getByRole('button', { name: 'Use a recovery code' }).click();
    await factor.getByLabel('Recovery code').fill(person.recoveryCodes[0]!);
    await factor.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    const again = await firstFactor(page, person.email);
    await again.getByRole('button', { name: 'Use a recovery code' }).click();
    await again.getByLabel('Recovery code').fill(person.recoveryCodes[0]!);
    await again.getByRole('button', { name: 'Continue' }).click();
    await again.getByRole('alert').waitFor();
    expect(await again.getByRole('alert').textContent()).toBe(
      'That code is not right, or was already used. Check it, then retry.',
    );
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await context.close();
  });
});

describe('step-up for an account without a second factor', () => {
  it('asks for a mailed code, steps up with it and creates the key; cancelling leaves the refusal in words', async () => {
    const email = uniqueEmail('console-step-up-mail');
    const { page } = await openConsole(browser, stack);
    await signInByCode(page, stack, email);
    const token = (await page.evaluate(() => sessionStorage.getItem('steward.console.token')))!;
    const created = await stack.graphql<{ createOrganization: { id: string } }>(
      CREATE_ORGANIZATION,
      { name: 'Console step-up by mail' },
      token,
    );
    const organizationId = created.data!.createOrganization.id;
    stale();
    await page.goto(consoleUrl(stack, `/organizations/${organizationId}/api-keys`));
    await page.getByLabel('Key name').fill('Partner');
    await page.getByRole('checkbox', { name: 'audit:read' }).check();

    const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
    await page.getByRole('button', { name: 'Create key' }).click();
    await dialog.getByText(`A code is on its way to ${email}.`).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(
      'This action needs a recent sign-in: confirm it is you, then retry.',
    );

    await page.getByRole('button', { name: 'Create key' }).click();
    await dialog.getByText(`A code is on its way to ${email}.`).waitFor();
    await dialog.getByLabel('Code sent by email').fill(latestCode(stack, email));
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    const secret = await page.getByRole('textbox', { name: 'Secret' }).inputValue();
    expect(secret.length).toBeGreaterThan(20);
  });
});

describe('the profile: authenticator app, recovery codes, passkeys', () => {
  it('enrols the app (secret and QR code once, confirmed by a code), shows recovery codes once, renews them', async () => {
    const email = uniqueEmail('console-enrol');
    const { page } = await openConsole(browser, stack);
    await signInByCode(page, stack, email);
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('button', { name: 'Enrol an authenticator app' }).click();
    const enrol = page.getByRole('form', { name: 'Enrol an authenticator app' });
    const secret = (await enrol.getByLabel('Secret').textContent())!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const qrCode = enrol.getByRole('img');
    expect(await qrCode.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    // Drawn, under the console's content security policy.
    expect(
      await qrCode.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    await enrol.getByLabel('Code from the app').fill(codeAt(secret));
    await enrol.getByRole('button', { name: 'Confirm' }).click();

    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await page.getByText('The authenticator app is enrolled.').waitFor();
    const first = await codes.allTextContents();
    expect(first).toHaveLength(10);
    expect(await page.getByText(secret).count()).toBe(0);
    await page.getByRole('button', { name: 'I have kept them' }).click();
    expect(await codes.count()).toBe(0);
    await page.getByText('Recovery codes left:').waitFor();

    await page.getByRole('button', { name: 'New recovery codes' }).click();
    await page.getByText('New recovery codes: the old ones no longer work.').waitFor();
    const second = await codes.allTextContents();
    expect(second).toHaveLength(10);
    expect(second).not.toContain(first[0]);
    nextStep();

    // Removing the app on a stale session: a recovery code steps up instead of the app.
    stale();
    await page.getByRole('button', { name: 'Remove the app' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
    await dialog.getByRole('button', { name: 'Use recovery code' }).click();
    await dialog.getByLabel('Recovery code').fill(second[0]!);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('The authenticator app was removed.').waitFor();
    await page.getByRole('button', { name: 'Enrol an authenticator app' }).waitFor();
  });

  it('lists passkeys and removes one', async () => {
    // Registered through the API with the console's session (WebAuthn is not offered in the console).
    const email = uniqueEmail('console-passkey');
    const { page } = await openConsole(browser, stack);
    await signInByCode(page, stack, email);
    const token = (await page.evaluate(() => sessionStorage.getItem('steward.console.token')))!;
    const authenticator = new SoftwareAuthenticator();
    for (const name of ['Laptop', 'Phone']) {
      const started = await stack.graphql<{ startPasskeyRegistration: { options: string } }>(
        'mutation { startPasskeyRegistration { options } }',
        {},
        token,
      );
      const response = authenticator.create(started.data!.startPasskeyRegistration.options, {
        origin: localOrigin(),
      });
      const done = await stack.graphql(
        'mutation ($n: String!, $r: String!) { completePasskeyRegistration(name: $n, response: $r) { id } }',
        { n: name, r: JSON.stringify(response) },
        token,
      );
      expect(done.errors).toBeUndefined();
    }

    await page.getByRole('link', { name: 'Profile' }).click();
    const rows = page.getByRole('table', { name: 'Your passkeys' }).getByRole('row');
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3);
    await page
      .getByRole('row', { name: /Laptop/ })
      .getByRole('button', { name: 'Remove' })
      .click();
    await page.getByText('The passkey Laptop was removed.').waitFor();
    expect(await page.getByRole('row', { name: /Laptop/ }).count()).toBe(0);
    expect(await page.getByRole('row', { name: /Phone/ }).count()).toBe(1);
    const left = await stack.graphql<{ me: { passkeys: { name: string }[] } }>(
      '{ me { passkeys { name } } }',
      {},
      token,
    );
    expect(left.data?.me.passkeys).toEqual([{ name: 'Phone' }]);
  });
  it("registers a passkey in the browser (Chromium's virtual authenticator over CDP), then signs in with it", async () => {
    const email = uniqueEmail('console-webauthn');
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await page.goto(`${localOrigin()}/console`);
    await signInByCode(page, stack, email);
    await page.getByRole('link', { name: 'Profile' }).click();
    const form = page.getByRole('form', { name: 'Register a passkey' });
    await form.getByLabel('Passkey name').fill('Work laptop');
    await form.getByRole('button', { name: 'Register a passkey' }).click();
    await page.getByText('The passkey Work laptop was registered.').waitFor();
    await page.getByRole('row', { name: /Work laptop/ }).waitFor();

    const token = (await page.evaluate(() => sessionStorage.getItem('steward.console.token')))!;
    const listed = await stack.graphql<{ me: { passkeys: { name: string }[] } }>(
      '{ me { passkeys { name } } }',
      {},
      token,
    );
    expect(listed.data?.me.passkeys).toEqual([{ name: 'Work laptop' }]);
    const held = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(held.credentials).toHaveLength(1);

    // The passkey is a second factor now: signing in by code asks for it, and it completes the sign-in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    const factor = await firstFactor(page, email);
    await factor.waitFor();
    expect(await factor.getByLabel('App code').count()).toBe(0);
    await factor.getByRole('button', { name: 'Use a passkey' }).click();
    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(1);
    await context.close();
  });
});
