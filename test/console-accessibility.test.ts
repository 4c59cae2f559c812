import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { consoleUrl, launchBrowser, openConsole, screenshot } from './support/browser.ts';
import { contrastRatio, over, parseColor, type Rgb } from './support/contrast.ts';
import { latestCode } from './support/sign-in.ts';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';

// The console is usable by keyboard alone, every control has a name a screen reader reads, text
// meets WCAG's 4.5:1 contrast (computed from the stylesheet's palette and from what Chromium
// renders), focus shows at 3:1, and a phone's width (390 px) shows every page without sideways
// scrolling.

const STYLES = readFileSync('gateway/console/src/styles.css', 'utf8');
const WHITE: Rgb = [255, 255, 255];

describe("the console's palette (gateway/console/src/styles.css)", () => {
  it('computes contrast as WCAG does', () => {
    expect(contrastRatio([0, 0, 0], WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(parseColor('#777')!.rgb, WHITE)).toBeCloseTo(4.48, 2);
    expect(contrastRatio(parseColor('rgb(118, 118, 118)')!.rgb, WHITE)).toBeGreaterThan(4.5);
  });

  it('every rule that sets a text colour on a background meets 4.5:1', () => {
    const rules = [...STYLES.matchAll(/([^{}]+)\{([^}]*)\}/g)].map(([, selector, body]) => ({
      selector: selector!.trim(),
      color: /(?:^|[;\s])color:\s*(#[0-9a-f]{3,6})/i.exec(body!)?.[1],
      background: /background(?:-color)?:\s*(#[0-9a-f]{3,6})/i.exec(body!)?.[1],
    }));
    const page = rules.find((r) => r.selector.startsWith(':root'))!;
    // A rule's missing half comes from its element's own rule (button.danger from button), else
    // from the page (and white cards on it).
    const base = (selector: string) => rules.find((r) => r.selector === selector.split(/[.:[\s]/)[0]);
    const pairs = rules
      .filter((r) => r.color || r.background)
      .map((r) => ({
        selector: r.selector,
        color: r.color ?? base(r.selector)?.color ?? page.color!,
        background: r.background ?? base(r.selector)?.background ?? page.background!,
      }));
    expect(pairs.length).toBeGreaterThan(8);
    for (const pair of pairs) {
      for (const background of new Set([
        pair.background,
        ...(pair.background === page.background ? ['#fff'] : []),
      ])) {
        const ratio = contrastRatio(parseColor(pair.color)!.rgb, parseColor(background)!.rgb);
        expect({ ...pair, background, ok: ratio >= 4.5 }).toEqual({ ...pair, background, ok: true });
      }
    }
  });

  it('the focus outline stands out at 3:1 from the page and the cards', () => {
    const outline = /outline:\s*\d+px solid (#[0-9a-f]{3,6})/i.exec(STYLES)?.[1];
    expect(outline).toBeDefined();
    for (const background of ['#fafafa', '#fff']) {
      expect(contrastRatio(parseColor(outline!)!.rgb, parseColor(background)!.rgb)).toBeGreaterThanOrEqual(3);
    }
  });
});

let stack: TestStack;
let browser: Browser;
let page: Page;
const email = uniqueEmail('console-keyboard');
let organizationPath: string;
let projectPath: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  ({ page } = await openConsole(browser, stack));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** The focused element's name: its aria-label, its label's own text, or its text. */
const FOCUSED_NAME = `(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return '';
  const label = e.labels && e.labels[0];
  const own = label ? [...label.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('') : '';
  return (e.getAttribute('aria-label') || own || e.textContent || '').trim();
})()`;

/** Presses Tab until the focused control is named `name` (at most 40 presses). */
async function tabTo(name: string): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate<string>(FOCUSED_NAME)) === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

/** Visible controls without a name a screen reader would read (their HTML, cut short). */
const UNNAMED_CONTROLS = `[...document.querySelectorAll('input, select, textarea, button, a[href]')]
  .filter((e) => e.offsetParent !== null && e.type !== 'hidden')
  .filter((e) => {
    const label = e.labels && e.labels.length > 0 && e.labels[0].textContent.trim();
    const labelledBy = e.getAttribute('aria-labelledby');
    return !(e.getAttribute('aria-label') || label || (labelledBy && document.getElementById(labelledBy)) ||
      (e.tagName === 'BUTTON' || e.tagName === 'A') && e.textContent.trim());
  })
  .map((e) => e.outerHTML.slice(0, 120))`;

/**
 * Every visible element holding text, with its colour and the background it is drawn on (the
 * first ancestor's that is not transparent; translucent ones laid over white). Disabled controls
 * are exempt (WCAG 1.4.3).
 */
const TEXT_COLOURS = `[...document.querySelectorAll('body *')]
  .filter((e) => e.offsetParent !== null && !e.disabled && !e.closest(':disabled') &&
    [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
  .map((e) => {
    const layers = [];
    for (let at = e; at; at = at.parentElement) {
      const bg = getComputedStyle(at).backgroundColor;
      layers.push(bg);
      if (!bg.startsWith('rgba')) break;
    }
    return { text: e.textContent.trim().slice(0, 40), color: getComputedStyle(e).color, layers };
  })`;

interface Rendered {
  text: string;
  color: string;
  layers: string[];
}

/** The contrast of each rendered text against what it is drawn on. */
function renderedContrast(rendered: Rendered[]) {
  return rendered.map(({ text, color, layers }) => {
    let background: Rgb = WHITE;
    for (const layer of [...layers].reverse()) {
      const parsed = parseColor(layer);
      if (parsed && parsed.alpha > 0) background = over(parsed.rgb, parsed.alpha, background);
    }
    const foreground = parseColor(color)!;
    const shown = over(foreground.rgb, foreground.alpha, background);
    return { text, ratio: Math.round(contrastRatio(shown, background) * 100) / 100 };
  });
}

async function expectAccessible(path: string): Promise<void> {
  await page.goto(consoleUrl(stack, path));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  expect({ path, unnamed: await page.evaluate<string[]>(UNNAMED_CONTROLS) }).toEqual({ path, unnamed: [] });
  const low = renderedContrast(await page.evaluate<Rendered[]>(TEXT_COLOURS)).filter((t) => t.ratio < 4.5);
  expect({ path, low }).toEqual({ path, low: [] });
}

describe('the console by keyboard alone', () => {
  it('signs in by code, creates an organization and a project with Tab, typing and Enter', async () => {
    await expectAccessible('');
    await tabTo('Email');
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
    await page.getByLabel('Code').waitFor();
    await tabTo('Code');
    await page.keyboard.type(latestCode(stack, email));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Organizations' }).waitFor();

    await tabTo('Organization name');
    await page.keyboard.type('Keyboard Org');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Keyboard Org', level: 1 }).waitFor();
    organizationPath = new URL(page.url()).pathname.replace(/^\/console/, '');

    await tabTo('Projects');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Projects', level: 2 }).waitFor();
    await tabTo('Project name');
    await page.keyboard.type('Keyboard project');
    // The form's button, reached by Tab and pressed with the space bar.
    await tabTo('Create project');
    await page.keyboard.press('Space');
    await page.getByRole('heading', { name: 'Project Keyboard project' }).waitFor();
    projectPath = new URL(page.url()).pathname.replace(/^\/console/, '');
  });
});

describe('labels and contrast on every page', () => {
  it('names every control and meets 4.5:1 for every text, as Chromium renders them', async () => {
    for (const section of [
      '',
      '/members',
      '/projects',
      '/activity',
      '/audit',
      '/api-keys',
      '/data',
      '/sign-in-policy',
      '/sso',
    ])
      await expectAccessible(`${organizationPath}${section}`);
    await expectAccessible(projectPath);
    await expectAccessible('/profile');
    await expectAccessible('/certificates');
    await expectAccessible('');
  });
});

describe('the console at a phone’s width (390 px)', () => {
  it('shows every page without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const projects = `${organizationPath}/projects`;
    for (const path of [
      '',
      organizationPath,
      `${organizationPath}/members`,
      projects,
      projectPath,
      `${organizationPath}/sso`,
      `${organizationPath}/audit`,
      '/profile',
      '/certificates',
    ]) {
      await page.goto(consoleUrl(stack, path));
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
      if (path === `${organizationPath}/members`) await screenshot(page, 'phone-members');
      if (path === projectPath) await screenshot(page, 'phone-project');
    }
  });
});
