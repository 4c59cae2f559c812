import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { join } from 'node:path';
import { CONSOLE_ROOT, consoleIsFresh } from '../../gateway/console/build.ts';
import { explorerIsFresh } from '../../gateway/console/explorer-build.ts';
import { latestCode } from './sign-in.ts';
import type { TestStack } from './stack.ts';

// The console's browser tests: Debian's chromium (apt-get install -y chromium; .ci/run installs
// it when missing) driven by playwright-core, against the real stack.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the console when its sources changed since the last build, then starts a headless Chromium. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  // In its own process: Vite's bundler does not run inside jest's module sandbox.
  if (!consoleIsFresh()) await promisify(execFile)(process.execPath, [join(CONSOLE_ROOT, 'build.ts')]);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in CI containers cannot use Chromium's sandbox; /dev/shm is small in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** Builds the development explorer (GraphiQL) when its sources changed, in its own process too. */
export async function ensureExplorer(): Promise<void> {
  if (!explorerIsFresh())
    await promisify(execFile)(process.execPath, [join(CONSOLE_ROOT, 'explorer-build.ts')]);
}

/** The console's URL on a test stack's gateway. */
export const consoleUrl = (stack: TestStack, path = '') => new URL(`/console${path}`, stack.url).toString();

/** A fresh browser profile (its own sessionStorage) whose confirm() dialogs are accepted. */
export async function openConsole(
  browser: Browser,
  stack: TestStack,
  path = '',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(consoleUrl(stack, path));
  return { context, page };
}

/** Signs in through the console's code form, reading the code from the stack's mailbox. */
export async function signInByCode(page: Page, stack: TestStack, email: string): Promise<void> {
  const form = page.getByRole('form', { name: 'With a code sent by email' });
  await form.getByLabel('Email').fill(email);
  await form.getByRole('button', { name: 'Send code' }).click();
  await form.getByLabel('Code').waitFor();
  await form.getByLabel('Code').fill(latestCode(stack, email));
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Organizations' }).waitFor();
}

/** Polls `check` until it holds (a page that updates on its own, a relay that delivers later). */
export async function until(check: () => Promise<boolean>, timeoutMs = 10_000, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * With CONSOLE_SCREENSHOTS set to a folder (docs/console for the README's pictures), saves what
 * the page shows as <name>.png; otherwise does nothing.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env.CONSOLE_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}
