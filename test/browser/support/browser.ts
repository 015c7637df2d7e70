/**
 * Debian's chromium driven by playwright-core, headless. `.ci/run` installs it with apt-get;
 * CHROMIUM_PATH points elsewhere if needed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../cli/cli-process.ts';

/** The two widths every page is looked at: a laptop and a phone. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Where the suite saves its screenshots (gitignored), to be looked at. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // The machine has no network beyond loopback: Chromium's own background calls only add noise.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A fresh page (own cookies) at one of the two widths. */
export async function newPage(browser: Browser, baseURL: string, viewport: ViewportName = 'desktop'): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORTS[viewport], ...(viewport === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
  const page = await context.newPage();
  // A page that throws in the browser is a failed test, not a log line.
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/** Saves `<name>-<width>.png` of the whole page. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const path = join(SCREENSHOT_DIR, `${name}-${width}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Logs in through the login page and waits for the app to show (at any width: the menu hides on phones). */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  // Tests also call the API with the page's session (page.request): send the CSRF header the web app sends.
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'tollgate_csrf');
  if (csrf !== undefined) await page.context().setExtraHTTPHeaders({ 'x-tollgate-csrf': decodeURIComponent(csrf.value) });
}

/** A labelled input of `scope`: its label, or its label and "(optional)". */
function inputLabelled(scope: Page | ReturnType<Page['locator']>, label: string) {
  return scope.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\(optional\\))?$`));
}

/** The hint shown under a labelled input of `scope`, tied to it by aria-describedby (as ui/form-fields.tsx ties it). */
export async function hintUnder(scope: Page | ReturnType<Page['locator']>, label: string): Promise<string> {
  const ids = (await inputLabelled(scope, label).getAttribute('aria-describedby')) ?? '';
  const hintId = ids.split(' ').find((id) => id.endsWith('-hint'));
  if (hintId === undefined) throw new Error(`${label} is not described by a hint`);
  return (await scope.locator(`[id="${hintId}"]`).innerText()).trim();
}

/** The error shown under a labelled input of `scope` (tied to it by aria-describedby), once the input is marked invalid. */
export async function errorUnder(scope: Page | ReturnType<Page['locator']>, label: string): Promise<string> {
  const input = inputLabelled(scope, label);
  // Waits for the answer: the input is marked invalid once the refusal is shown.
  await input.and(scope.locator('[aria-invalid="true"]')).waitFor();
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  const errorId = ids.split(' ').find((id) => id.endsWith('-error'));
  if (errorId === undefined) throw new Error(`${label} is not described by an error`);
  return (await scope.locator(`[id="${errorId}"]`).innerText()).trim();
}

/** How many lines of text an element takes. */
export function linesOf(text: Locator): Promise<number> {
  // Runs in the page; the tests compile without DOM types.
  return text.evaluate((element) => {
    const page = globalThis as unknown as { getComputedStyle(node: unknown): { lineHeight: string } };
    const box = element as unknown as { getBoundingClientRect(): { height: number } };
    return Math.round(box.getBoundingClientRect().height / Number.parseFloat(page.getComputedStyle(element).lineHeight));
  });
}

/** How many pixels the page sticks out sideways beyond the screen: 0 when it fits. */
export function sidewaysOverflow(page: Page): Promise<number> {
  // Runs in the browser; the tests' tsconfig has no DOM types.
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/**
 * Reloads until what `find` locates shows: the worker and the sandbox's deliveries run beside the
 * page. Bounded by attempts, not by time, so a slow machine only takes longer.
 */
export async function reloadUntilVisible(page: Page, find: () => ReturnType<Page['locator']>, attempts = 60): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    try {
      await find().first().waitFor({ timeout: 1000 });
      return;
    } catch {
      await page.reload();
    }
  }
  await find().first().waitFor();
}

/**
 * A script that watches the page from its first render: the first of `texts` that any element `selector` picks ever
 * holds, however briefly it showed, is kept in `globalThis.sawText` (null while none has). Read it with `sawText`.
 */
export function watchForText(selector: string, texts: readonly string[]): string {
  return `
globalThis.sawText = null;
new MutationObserver(() => {
  for (const element of document.querySelectorAll(${JSON.stringify(selector)})) {
    const seen = ${JSON.stringify(texts)}.find((text) => element.textContent.includes(text));
    if (seen !== undefined && globalThis.sawText === null) globalThis.sawText = seen;
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
`;
}

/** What a `watchForText` script saw, or null. */
export function sawText(page: Page): Promise<string | null> {
  return page.evaluate<string | null>('globalThis.sawText');
}

/**
 * Holds the web app's list of workflow names (GET /api/v1/workflows) until the returned release is called, so a page
 * that named workflows from that list would show their ids meanwhile, for certain rather than when the list happens
 * to come last: a `watchForText` check for the ids then fails on such a page whatever the timing.
 */
export async function holdWorkflowNames(page: Page): Promise<() => void> {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === '/api/v1/workflows',
    async (route) => {
      await released;
      // The page may have been closed while the answer was held: nothing waits for it then.
      await route.continue().catch(() => undefined);
    },
  );
  return release;
}
