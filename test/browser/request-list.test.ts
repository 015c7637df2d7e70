/**
 * A payment-ops lead looks over the catalog requests: their own by default, everyone's with the switch, narrowed
 * by status, service and offering, the choice kept in the URL. A requester, who may read only their own, gets
 * no switch, and a link to everyone's still shows them their own only.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { pollUntil } from '../support/poll-until.ts';
import { sessionHeadersOf } from '../support/session-headers.ts';
import { launchBrowser, logIn, newPage, screenshot, sidewaysOverflow } from './support/browser.ts';
import { startTollgate, type BrowserTollgate } from './support/browser-tollgate.ts';

let tollgate: BrowserTollgate;
let browser: Browser;
const rita = { email: 'rita.requester@example.com', password: 'a long requester password' };

const refund = { customerEmail: 'ann@example.com', chargeIdToRefund: 'ch_3QListRefund', refundAmount: '25', reason: 'Goodwill' };
/** The requests made before the tests, by name: their ids. */
const made = new Map<string, string>();
const idsOf = (...names: string[]) => names.map((name) => made.get(name)!).sort();

type Api = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;

/** Calls the API with a session cookie, as a person logged in elsewhere would. */
async function apiSession(email: string, password: string): Promise<Api> {
  const login = await fetch(`${tollgate.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  assert.equal(login.status, 200, await login.text());
  const session = sessionHeadersOf(login.headers.getSetCookie());
  return async (method, path, body) => {
    const answer = await fetch(`${tollgate.url}/api/v1${path}`, {
      method,
      headers: { ...session, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  };
}

async function submit(as: Api, name: string, offering: string, values: Record<string, string>): Promise<void> {
  const answer = await as('POST', `/catalog/offerings/${offering}/requests`, { values });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  made.set(name, (answer.body.request as { id: string }).id);
}

// One hook starts everything: node 20 does not wait for one root-level before hook to end before the next.
before(async () => {
  [tollgate, browser] = await Promise.all([startTollgate(), launchBrowser()]);
  const admin = await apiSession(tollgate.admin.email, tollgate.admin.password);
  const created = await admin('POST', '/users', { email: rita.email, name: 'Rita Requester', roles: ['requester'], password: rita.password });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const asRita = await apiSession(rita.email, rita.password);
  await submit(asRita, 'rita-refund', 'refund-request', { ...refund, notes: 'Billed twice' });
  await submit(asRita, 'rita-csat', 'refund-request-csat', refund);
  await submit(admin, 'admin-credit-note', 'refund-request-credit-note', refund);
  const cancelled = await admin('POST', `/requests/${made.get('admin-credit-note')}/cancel`);
  assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
});

after(async () => {
  await browser?.close();
  await tollgate?.stop();
});

/** The request ids the table lists, sorted; [] when it says none match. */
async function listedRequests(page: Page, caption: string): Promise<string[]> {
  const table = page.getByRole('table', { name: caption });
  const none = page.getByText(/No requests match these filters|You have not asked for anything yet/);
  await table.locator('tbody tr').first().or(none).waitFor();
  if (await none.isVisible()) return [];
  const hrefs = await Promise.all((await table.getByRole('link').all()).map((link) => link.getAttribute('href')));
  return hrefs.map((href) => href?.split('/').pop() ?? '(a link without href)').sort();
}

async function waitForListed(page: Page, caption: string, expected: string[], what: string): Promise<void> {
  await pollUntil(() => listedRequests(page, caption), (listed) => listed.join() === [...expected].sort().join(), { what });
}

void test("an admin switches to everyone's requests and narrows them by status, service and offering", async () => {
  const page = await newPage(browser, tollgate.url);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  await page.goto('/requests');
  // The page can show everyone's: the navigation and the heading call it Requests, in either view.
  await page.getByRole('heading', { name: 'Requests', level: 1, exact: true }).waitFor();
  await page.getByText('Your own requests, and where each stands.', { exact: false }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'Requests', exact: true }).getAttribute('aria-current'), 'page');
  assert.equal(await nav.getByRole('link', { name: 'My requests' }).count(), 0);
  await waitForListed(page, 'My requests', idsOf('admin-credit-note'), 'only my own at first');
  await screenshot(page, 'requests-mine-lead');

  const filters = page.getByRole('form', { name: 'Filter requests' });
  const whose = filters.getByRole('radiogroup', { name: 'Whose' });
  await whose.getByText('Everyone’s', { exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('view') === 'all');
  await page.getByRole('heading', { name: 'Requests', level: 1 }).waitFor();
  await waitForListed(page, 'Requests', idsOf('rita-refund', 'rita-csat', 'admin-credit-note'), "everyone's");
  const ritasRow = page.getByRole('row').filter({ has: page.locator(`a[href="/requests/${made.get('rita-refund')}"]`) });
  assert.match(await ritasRow.innerText(), /rita\.requester@example\.com/, 'each row says who asked');
  await screenshot(page, 'requests-everyone');

  await filters.getByLabel('Status').selectOption('cancelled');
  await waitForListed(page, 'Requests', idsOf('admin-credit-note'), 'the cancelled one');
  await filters.getByLabel('Status').selectOption('open');
  await waitForListed(page, 'Requests', idsOf('rita-refund', 'rita-csat'), 'the open ones');
  await filters.getByLabel('Service').selectOption({ label: 'Customer Success' });
  await page.waitForURL((url) => url.searchParams.get('service') === 'customer-success');
  await waitForListed(page, 'Requests', idsOf('rita-refund'), 'the open ones of Customer Success');
  // An offering of another service: the service follows it.
  await filters.getByLabel('Service').selectOption('');
  await filters.getByLabel('Offering').selectOption({ label: 'Refund Request (with CSAT follow-up)' });
  await page.waitForURL((url) => url.searchParams.get('service') === 'customer-success-csat' && url.searchParams.get('offering') === 'refund-request-csat');
  await waitForListed(page, 'Requests', idsOf('rita-csat'), 'the CSAT offering');
  await page.reload();
  assert.equal(await filters.getByLabel('Status').inputValue(), 'open', 'a reload keeps the status');
  assert.equal(await filters.getByLabel('Service').inputValue(), 'customer-success-csat', 'the service');
  assert.equal(await filters.getByRole('radio', { name: 'Everyone’s' }).isChecked(), true, 'and the view');
  await waitForListed(page, 'Requests', idsOf('rita-csat'), 'the same list after a reload');
  await screenshot(page, 'requests-filtered');

  await filters.getByLabel('Status').selectOption('completed');
  await page.getByText('No requests match these filters').waitFor();
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await page.waitForURL((url) => url.search === '?view=all');
  await waitForListed(page, 'Requests', idsOf('rita-refund', 'rita-csat', 'admin-credit-note'), "everyone's again, the view kept");
  await whose.getByText('Mine', { exact: true }).click();
  await page.waitForURL((url) => url.search === '');
  await waitForListed(page, 'My requests', idsOf('admin-credit-note'), 'my own again');
  await page.context().close();

  const phone = await newPage(browser, tollgate.url, 'phone');
  await logIn(phone, tollgate.admin.email, tollgate.admin.password);
  await phone.goto('/requests?view=all&status=open');
  await waitForListed(phone, 'Requests', idsOf('rita-refund', 'rita-csat'), 'the open ones on a phone');
  assert.equal(await sidewaysOverflow(phone), 0, 'nothing sticks out sideways');
  await screenshot(phone, 'requests-everyone');
  await phone.context().close();
});

void test("a lead who asked for nothing themselves is offered everyone's requests from the empty list", async () => {
  const admin = await apiSession(tollgate.admin.email, tollgate.admin.password);
  const lead = { email: 'lena.lead@example.com', password: 'a long lead password' };
  const created = await admin('POST', '/users', { email: lead.email, name: 'Lena Lead', roles: ['admin'], password: lead.password });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  for (const viewport of ['desktop', 'phone'] as const) {
    const page = await newPage(browser, tollgate.url, viewport);
    await logIn(page, lead.email, lead.password);
    await page.goto('/requests');
    const empty = page.locator('.state').filter({ hasText: 'You have not asked for anything yet.' });
    await empty.getByRole('link', { name: 'Open the catalog' }).waitFor();
    await screenshot(page, 'requests-mine-empty-lead');
    await empty.getByRole('link', { name: 'see everyone’s requests' }).click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'all');
    await waitForListed(page, 'Requests', idsOf('rita-refund', 'rita-csat', 'admin-credit-note'), "everyone's, from the empty list");

    // Someone else's request: what was asked (not "you"), who asked by name, its run and the approval it waits for, as links.
    await page.locator(`a[href="/requests/${made.get('rita-refund')}"]`).click();
    await page.getByRole('heading', { name: 'What was asked' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'What you asked' }).count(), 0);
    const about = page.getByRole('region', { name: 'Request' });
    // The name comes with the timeline, read beside the request.
    await about.getByText('Rita Requester').waitFor();
    assert.match(await about.innerText(), /By\s+Rita Requester rita\.requester@example\.com/);
    await about.getByRole('link', { name: 'CSM Review' }).waitFor();
    assert.match((await about.getByRole('link', { name: 'CSM Review' }).getAttribute('href')) ?? '', /^\/approvals\/apt_/);
    await screenshot(page, 'request-detail-lead');
    await about.getByRole('link', { name: 'Customer refund' }).click();
    await page.waitForURL(/\/runs\/run_/);
    await page.context().close();
  }
});

void test("a requester has no switch, and a link to everyone's requests shows them their own", async () => {
  const page = await newPage(browser, tollgate.url);
  await logIn(page, rita.email, rita.password);
  await page.goto('/requests?view=all');
  await page.getByRole('heading', { name: 'My requests', level: 1 }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My requests', exact: true }).waitFor();
  await waitForListed(page, 'My requests', idsOf('rita-refund', 'rita-csat'), 'her own');
  assert.equal(await page.getByRole('radiogroup').count(), 0, 'no Mine / Everyone’s switch');
  await page.getByRole('form', { name: 'Filter requests' }).getByLabel('Status').selectOption('cancelled');
  await page.getByText('No requests match these filters').waitFor();
  await screenshot(page, 'requests-requester-filtered');
  await page.context().close();
});
