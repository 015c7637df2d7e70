/**
 * After Stripe disabled the webhook endpoint, a payment's events never reach Tollgate. An operator opens
 * Events, Recover missed events: the undelivered look finds nothing (a disabled endpoint is not tried), comparing
 * every event finds them, and taking them in, after a confirm, starts the payment's workflow. Bad windows are
 * refused at the field, and the page reads at phone width.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { errorUnder, hintUnder, logIn, newPage, screenshot, sidewaysOverflow, type ViewportName } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const SANDBOX_KEY = 'sk_test_tollgate_sandbox';
const running = tollgateInBrowser();

async function signedIn(viewport: ViewportName = 'desktop'): Promise<Page> {
  const page = await newPage(running.browser, running.tollgate.url, viewport);
  await logIn(page, running.tollgate.admin.email, running.tollgate.admin.password);
  return page;
}

async function stripeApi<T>(page: Page, method: 'GET' | 'POST', path: string, form?: Record<string, string>, account?: string): Promise<T> {
  const url = `${running.tollgate.sandboxUrl}${path}`;
  const headers = { authorization: `Bearer ${SANDBOX_KEY}`, 'content-type': 'application/x-www-form-urlencoded', ...(account === undefined ? {} : { 'stripe-account': account }) };
  const answer = method === 'GET' ? await page.request.get(url, { headers }) : await page.request.post(url, { headers, data: new URLSearchParams(form).toString() });
  assert.equal(answer.status(), 200, await answer.text());
  return (await answer.json()) as T;
}

/** A datetime-local value, this machine's (the browser's) time zone, to the minute. */
function localMinute(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

void test('a disabled endpoint missed a payment: compare every event, take them in, and the workflow runs', async () => {
  const page = await signedIn();
  const { data: endpoints } = await stripeApi<{ data: { id: string }[] }>(page, 'GET', '/v1/webhook_endpoints');
  for (const endpoint of endpoints) await stripeApi(page, 'POST', `/v1/webhook_endpoints/${endpoint.id}`, { disabled: 'true' });
  const payment = await stripeApi<{ id: string }>(page, 'POST', '/v1/payment_intents', { amount: '150000', currency: 'usd', confirm: 'true', payment_method: 'pm_card_visa', receipt_email: 'buyer@example.com' });

  await page.goto('/events');
  await page.getByRole('link', { name: 'Recover missed events' }).click();
  await page.getByRole('heading', { name: 'Recover missed Stripe events' }).waitFor();
  await page.getByRole('button', { name: 'Find missing events' }).click();
  await page.getByRole('heading', { name: 'Nothing is missing' }).waitFor();
  assert.match(await page.getByText(/Stripe lists \d+ undelivered events/).innerText(), /Tollgate held 0 of them already/);

  await page.getByLabel('Compare every event').check();
  await page.getByRole('button', { name: 'Find missing events' }).click();
  const found = page.getByRole('heading', { name: /^\d+ events? missing$/ });
  await found.waitFor();
  const missing = Number(/^(\d+)/.exec(await found.innerText())?.[1]);
  assert.ok(missing >= 1);
  const table = page.getByRole('table', { name: 'The missing events' });
  assert.match(await table.innerText(), /payment_intent\.succeeded/);
  await screenshot(page, 'event-recovery-preview-desktop');

  await page.getByRole('button', { name: `Take in ${missing === 1 ? '1 event' : `${missing} events`}…` }).click();
  const dialog = page.getByRole('dialog');
  assert.match(await dialog.innerText(), /as if Stripe delivered it now/);
  await screenshot(page, 'event-recovery-confirm-desktop');
  await dialog.getByRole('button', { name: /^Yes, take in/ }).click();
  await page.getByRole('heading', { name: `Took in ${missing === 1 ? '1 event' : `${missing} events`}` }).waitFor();
  const taken = page.getByRole('table', { name: 'The events taken in' });
  const runLink = taken.getByRole('link', { name: /^run_/ }).first();
  await runLink.waitFor();
  await screenshot(page, 'event-recovery-taken-desktop');
  await runLink.click();
  await page.waitForURL(/\/runs\/run_/);
  await page.getByText(payment.id).first().waitFor();

  await page.goto('/events/recover');
  await page.getByLabel('Compare every event').check();
  await page.getByRole('button', { name: 'Find missing events' }).click();
  await page.getByRole('heading', { name: 'Nothing is missing' }).waitFor();
  await page.context().close();
});

void test('a window Stripe does not keep, or none at all, is refused at the field; the page fits a phone', async () => {
  const page = await signedIn('phone');
  await page.goto('/events/recover');
  const from = page.getByLabel('From');
  await from.fill(localMinute(new Date(Date.now() - 40 * 24 * 60 * 60 * 1000)));
  await page.getByRole('button', { name: 'Find missing events' }).click();
  const fieldError = page.locator('#recover-since-error');
  await fieldError.waitFor();
  assert.match(await fieldError.innerText(), /more than 30 days ago: Stripe keeps events for 30 days/);
  assert.equal(await from.getAttribute('aria-invalid'), 'true');
  await from.fill('');
  await page.getByRole('button', { name: 'Find missing events' }).click();
  await page.locator('#recover-since-error', { hasText: 'Pick when the window starts.' }).waitFor();
  assert.equal(await sidewaysOverflow(page), 0);
  await screenshot(page, 'event-recovery-refused');

  await from.fill(localMinute(new Date(Date.now() - 60 * 60 * 1000)));
  await page.getByLabel('Connected accounts (optional)', { exact: true }).fill('shop9');
  await page.getByRole('button', { name: 'Find missing events' }).click();
  assert.equal(await errorUnder(page, 'Connected accounts'), 'shop9: a connected account id such as acct_1Hc2');
  assert.equal(await page.locator('#recover-since-error').count(), 0, 'the window is no longer refused');
  assert.equal(await sidewaysOverflow(page), 0, 'the account refusal fits a phone');
  await screenshot(page, 'event-recovery-accounts-refused');
  await page.context().close();
});

void test("a Connect platform names a connected account: its missed events are found and taken in; a malformed id is refused at the field", async () => {
  const page = await signedIn();
  const payment = await stripeApi<{ id: string }>(page, 'POST', '/v1/payment_intents', { amount: '4200', currency: 'usd', confirm: 'true', payment_method: 'pm_card_visa' }, 'acct_shop9');
  await page.goto('/events/recover');
  await page.getByLabel('Compare every event').check();
  const accounts = page.getByLabel('Connected accounts (optional)', { exact: true });
  assert.equal(await accounts.getAttribute('aria-invalid'), 'false');
  assert.match(await hintUnder(page, 'Connected accounts'), /^Connect platforms: Stripe lists/, 'the hint describes the field');
  await accounts.fill('shop9');
  await page.getByRole('button', { name: 'Find missing events' }).click();
  // The error under the field, tied to it (aria-describedby) once it is marked invalid: the API's issue for the
  // account, in its own words after the id typed, not the whole answer ("1 problem(s) in the body; …").
  assert.equal(await errorUnder(page, 'Connected accounts'), 'shop9: a connected account id such as acct_1Hc2');
  await screenshot(page, 'event-recovery-accounts-refused');
  // The second of two: named by what was typed there.
  await accounts.fill('acct_shop9, shop10');
  await page.getByRole('button', { name: 'Find missing events' }).click();
  await page.getByText('shop10: a connected account id such as acct_1Hc2', { exact: true }).waitFor();
  assert.equal(await errorUnder(page, 'Connected accounts'), 'shop10: a connected account id such as acct_1Hc2');
  // An issue about the list as a whole.
  await accounts.fill('acct_shop9 acct_shop9');
  await page.getByRole('button', { name: 'Find missing events' }).click();
  await page.getByText('each account once', { exact: true }).waitFor();
  assert.equal(await errorUnder(page, 'Connected accounts'), 'each account once');
  assert.equal(await page.locator('.form-error').count(), 0, 'nothing is repeated above the button');

  await accounts.fill('acct_shop9');
  await page.getByRole('button', { name: 'Find missing events' }).click();
  await page.getByRole('heading', { name: /^\d+ events? missing$/ }).waitFor();
  assert.match(await page.locator('.recovery-result').innerText(), /and connected account acct_shop9/);
  const table = page.getByRole('table', { name: 'The missing events' });
  assert.match(await table.innerText(), /from acct_shop9/);
  await screenshot(page, 'event-recovery-connected-desktop');
  await page.getByRole('button', { name: /^Take in \d+ events?…$/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^Yes, take in/ }).click();
  await page.getByRole('heading', { name: /^Took in \d+ events?$/ }).waitFor();
  const events = await page.request.get(`/api/v1/events?object=${payment.id}`);
  assert.match(await events.text(), /"account":"acct_shop9"/, 'stored with its connected account');
  await page.context().close();
});
