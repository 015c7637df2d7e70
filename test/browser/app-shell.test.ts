import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, newPage, screenshot } from './support/browser.ts';
import { startTollgate, type BrowserTollgate } from './support/browser-tollgate.ts';

let tollgate: BrowserTollgate;
let browser: Browser;

before(async () => {
  [tollgate, browser] = await Promise.all([startTollgate({ examples: false }), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await tollgate?.stop();
});

void test('a page opened without a session goes to login, then back to that page', async () => {
  const page = await newPage(browser, tollgate.url);
  await page.goto('/runs?status=failed');
  await page.waitForURL(/\/login\?/);
  await screenshot(page, 'login');
  await page.getByLabel('Email').fill(tollgate.admin.email);
  await page.getByLabel('Password').fill(tollgate.admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === '/runs');
  assert.equal(new URL(page.url()).searchParams.get('status'), 'failed');
  await page.context().close();
});

void test('a wrong password is refused next to the form, with no stack', async () => {
  const page = await newPage(browser, tollgate.url);
  await page.goto('/login');
  await page.getByLabel('Email').fill(tollgate.admin.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /do not match/);
  await page.context().close();
});

void test('a session that ends mid-use returns the person to login, then to where they were', async () => {
  const page = await newPage(browser, tollgate.url);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  await page.goto('/workflows');
  // The page is shown (its who-am-I call answered) before the session ends, not while it loads.
  await page.getByRole('heading', { name: 'Workflows' }).waitFor();
  await page.context().clearCookies();
  await page.getByRole('link', { name: 'Runs' }).click();
  await page.waitForURL(/\/login\?/);
  await page.getByText('Your session ended').waitFor();
  await page.getByLabel('Email').fill(tollgate.admin.email);
  await page.getByLabel('Password').fill(tollgate.admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === '/runs');
  await page.context().close();
});

void test('API paths keep JSON answers; unknown pages get the app', async () => {
  const api = await fetch(`${tollgate.url}/api/v1/nope`, { headers: { accept: 'text/html' } });
  assert.equal(api.status, 404);
  assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'route_not_found');
  const page = await fetch(`${tollgate.url}/runs/run_x`, { headers: { accept: 'text/html' } });
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<div id="root">/);
});

void test('an unknown page says so inside the app, with its menu, at both widths', async () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    const page = await newPage(browser, tollgate.url, viewport);
    await logIn(page, tollgate.admin.email, tollgate.admin.password);
    for (const path of ['/no-such-page', '/catalog/no-such-service/no-such-offering']) {
      await page.goto(path);
      await page.getByText('This page does not exist.').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Log out' }).count(), 1, `${viewport} ${path}: the app's header is there`);
      await page.getByRole('link', { name: 'Go home' }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/');
    }
    await page.goto('/no-such-page');
    await page.getByText('This page does not exist.').waitFor();
    await screenshot(page, 'unknown-page');
    await page.context().close();
  }
});
