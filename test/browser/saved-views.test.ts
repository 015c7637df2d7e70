/**
 * Saved views in the browser: Fran, in Finance, narrows the approvals inbox and saves it as a view shared with
 * her team; her teammate Finn finds it in his list on a phone and applies it in one pick; Casey, in another
 * team, does not see it. The picker names the view while its filters hold. Fran renames and deletes it. The
 * runs, requests and events pages have the same picker: a view saved there comes back in one pick.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Locator, Page } from 'playwright-core';
import { pollUntil } from '../support/poll-until.ts';
import { sessionHeadersOf, type SessionHeaders } from '../support/session-headers.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { openStore } from '../../src/store/open-store.ts';
import { logIn, newPage, screenshot, sidewaysOverflow } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const suite = tollgateInBrowser();
const PASSWORD = 'saved views test password';
const fran = 'fran@example.com';
const finn = 'finn@example.com';
const casey = 'casey@example.com';

/** Calls the API as the admin; fails the test on an unexpected status. */
async function asAdmin(method: 'GET' | 'POST', path: string, body?: object, expected: number[] = [200, 201, 202]): Promise<{ status: number; body: unknown }> {
  const { tollgate } = suite;
  const login = await fetch(`${tollgate.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(tollgate.admin) });
  assert.equal(login.status, 200, await login.text());
  const session: SessionHeaders = sessionHeadersOf(login.headers.getSetCookie());
  const json: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() };
  const answer = await fetch(`${tollgate.url}/api/v1${path}`, { method, headers: { ...session, ...json }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await answer.text();
  assert.ok(expected.includes(answer.status), `${method} ${path}: ${answer.status} ${text}`);
  return { status: answer.status, body: JSON.parse(text) as unknown };
}

/** An approver with PASSWORD: the examples' team members are users already (without a password). */
async function approver(email: string): Promise<void> {
  const created = await asAdmin('POST', '/users', { email, roles: ['approver'], password: PASSWORD }, [201, 409]);
  if (created.status === 409) await asAdmin('POST', `/users/${encodeURIComponent(email)}`, { roles: ['approver'], password: PASSWORD });
}

let people: Promise<void> | undefined;
/** Fran and Casey from the examples (Finance, CSM), and Finn, added to Finance; once for the file. */
function makePeople(): Promise<void> {
  people ??= (async () => {
    await approver(fran);
    await approver(casey);
    await approver(finn);
    await asAdmin('POST', '/teams/finance/members', { email: finn, name: 'Finn' });
  })();
  return people;
}

async function signedIn(who: string, viewport: 'desktop' | 'phone' = 'desktop'): Promise<Page> {
  await makePeople();
  const page = await newPage(suite.browser, suite.tollgate.url, viewport);
  await logIn(page, who, PASSWORD);
  return page;
}

const picker = (page: Page) => page.getByLabel('Saved view', { exact: true });
/** What the closed picker shows. */
const shown = async (page: Page) => ((await picker(page).locator('option:checked').textContent()) ?? '').trim();
async function waitShown(page: Page, text: string): Promise<void> {
  await picker(page).locator('option:checked', { hasText: text }).waitFor({ state: 'attached' });
  assert.equal(await shown(page), text);
}
/** With no view to pick, once the page's views have loaded, it offers only "Save view…". */
async function noPicker(page: Page): Promise<void> {
  await page.locator('.saved-views[aria-busy="false"]').waitFor();
  assert.equal(await picker(page).count(), 0, 'no picker without views');
  assert.equal(await page.getByRole('button', { name: 'Save view…' }).count(), 1);
}

/** Whether `target` has the focus: by its id (an input's), else by its text (a button's). */
async function hasFocus(page: Page, target: Locator): Promise<boolean> {
  const id = await target.getAttribute('id');
  if (id !== null) return page.evaluate<boolean>(`document.activeElement?.id === ${JSON.stringify(id)}`);
  return page.evaluate<boolean>(`document.activeElement?.textContent === ${JSON.stringify(await target.textContent())}`);
}
const saveDialog = (page: Page) => page.getByRole('dialog', { name: 'Save view' });

async function saveView(page: Page, name: string, share?: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Save view…' }).click();
  const dialog = saveDialog(page);
  await dialog.getByLabel('Name').fill(name);
  if (share !== undefined) await dialog.getByLabel('Share with').selectOption({ label: share });
  await dialog.getByRole('button', { name: 'Save view' }).click();
  return dialog;
}

void test('Fran saves the narrowed inbox as a view shared with Finance; the picker names it while its filters hold', async () => {
  const page = await signedIn(fran);
  await page.goto('/approvals');
  await noPicker(page);
  await screenshot(page, 'saved-views-none');
  await page.getByRole('navigation', { name: 'Whose tasks' }).getByRole('link', { name: 'All pending' }).click();
  const filters = page.getByRole('form', { name: 'Filter approval tasks' });
  await filters.getByLabel('Team').selectOption({ label: 'Finance Team' });
  await filters.getByLabel('Workflow').selectOption({ label: 'Customer refund' });
  await page.waitForURL((url) => url.searchParams.get('team') === 'finance' && url.searchParams.get('workflow') === 'customer-refund' && url.searchParams.get('view') === 'all');

  await page.getByRole('button', { name: 'Save view…' }).click();
  const dialog = saveDialog(page);
  assert.equal(await hasFocus(page, dialog.getByLabel('Name')), true, 'the name field has focus');
  const kept = await dialog.getByRole('listitem').allTextContents();
  // The team and the workflow by their titles, as the filters above name them, not by their ids.
  assert.deepEqual(kept.map((item) => item.replace(/\s+/g, ' ').trim()), ['Whose tasks: All pending', 'Team: Finance Team', 'Workflow: Customer refund']);
  await dialog.getByLabel('Name').fill('Finance refunds');
  await dialog.getByLabel('Share with').selectOption({ label: 'Finance Team' });
  await screenshot(page, 'saved-views-save-dialog');
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await dialog.waitFor({ state: 'detached' });
  await waitShown(page, 'Finance refunds');
  assert.equal(await picker(page).locator('optgroup[label="Shared with Finance Team"] option:checked').count(), 1, 'under her team');
  assert.equal(await page.getByRole('status').filter({ hasText: 'Saved the view' }).textContent(), 'Saved the view “Finance refunds”, shared with your team.');
  await screenshot(page, 'saved-views-inbox');

  // A name of hers on this page (any case) is refused at the field, which gets the focus.
  const again = await saveView(page, 'finance REFUNDS');
  const name = again.getByLabel('Name');
  await again.getByText('you have a view "Finance refunds" on the approvals page already').waitFor();
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  assert.equal(await hasFocus(page, name), true, 'the refused field has focus');
  await screenshot(page, 'saved-views-name-taken');
  await again.getByRole('button', { name: 'Cancel' }).click();
  await again.waitFor({ state: 'detached' });

  // Another filter: no longer the view; picking it puts its filters back.
  await filters.getByLabel('Workflow').selectOption({ label: 'All workflows' });
  await page.waitForURL((url) => !url.searchParams.has('workflow'));
  await waitShown(page, 'Unsaved filters');
  await picker(page).selectOption({ label: 'Finance refunds' });
  await page.waitForURL((url) => url.searchParams.get('workflow') === 'customer-refund' && url.searchParams.get('team') === 'finance');
  assert.equal(await filters.getByLabel('Workflow').inputValue(), 'customer-refund');
  await waitShown(page, 'Finance refunds');
  await page.context().close();
});

void test('Finn, in Finance, picks Fran’s view on a phone and gets her filters; Casey, in CSM, does not see it', async () => {
  const phone = await signedIn(finn, 'phone');
  await phone.goto('/approvals');
  await picker(phone).locator('optgroup[label="Shared with Finance Team"] option').first().waitFor({ state: 'attached' });
  assert.equal(await shown(phone), 'Choose a view…');
  assert.equal(await phone.getByRole('button', { name: /Manage/ }).count(), 0, 'nothing of his to manage');
  await picker(phone).selectOption({ label: 'Finance refunds · fran' });
  await phone.waitForURL((url) => url.searchParams.get('view') === 'all' && url.searchParams.get('team') === 'finance' && url.searchParams.get('workflow') === 'customer-refund');
  await phone.getByRole('region', { name: 'All pending tasks' }).waitFor();
  assert.equal(await phone.getByRole('form', { name: 'Filter approval tasks' }).getByLabel('Team').inputValue(), 'finance');
  await waitShown(phone, 'Finance refunds · fran');
  assert.equal(await sidewaysOverflow(phone), 0, 'fits a phone');
  await screenshot(phone, 'saved-views-inbox-teammate');
  await phone.getByRole('button', { name: 'Save view…' }).click();
  await saveDialog(phone).getByLabel('Share with').waitFor();
  await saveDialog(phone).getByText('Team: Finance Team').waitFor();
  await screenshot(phone, 'saved-views-save-dialog');
  await saveDialog(phone).getByRole('button', { name: 'Cancel' }).click();
  await phone.context().close();

  const other = await signedIn(casey, 'phone');
  await other.goto('/approvals?view=all&team=finance&workflow=customer-refund');
  await other.getByRole('region', { name: 'All pending tasks' }).waitFor();
  await noPicker(other);
  await screenshot(other, 'saved-views-none');
  await other.context().close();
});

void test('Fran renames her view and deletes it; the team no longer has it', async () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    const page = await signedIn(fran, viewport);
    await page.goto('/approvals');
    if (viewport === 'phone') {
      // The first pass deleted the view: make one to manage on the phone.
      await saveView(page, 'Mine, open', 'Finance Team');
      await saveDialog(page).waitFor({ state: 'detached' });
    }
    await page.getByRole('button', { name: 'Manage saved views' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your saved views' });
    const list = dialog.getByRole('list', { name: 'Your saved views' });
    const current = viewport === 'desktop' ? 'Finance refunds' : 'Mine, open';
    await list.locator('strong', { hasText: current }).waitFor();
    await list.getByText('Shared with Finance Team').waitFor();
    await screenshot(page, 'saved-views-manage');
    await dialog.getByRole('button', { name: `Rename ${current}` }).click();
    const rename = dialog.getByRole('form', { name: `Rename ${current}` });
    await rename.getByLabel('New name').fill('Finance refunds, all pending');
    await rename.getByRole('button', { name: 'Save name' }).click();
    await list.locator('strong', { hasText: 'Finance refunds, all pending' }).waitFor();
    assert.equal(await hasFocus(page, dialog.getByRole('button', { name: 'Rename Finance refunds, all pending' })), true, 'focus back on the view');
    await dialog.getByRole('button', { name: 'Delete Finance refunds, all pending' }).click();
    const confirm = dialog.getByRole('group', { name: 'Delete Finance refunds, all pending?' });
    await confirm.getByText('The team no longer sees it.').waitFor();
    await screenshot(page, 'saved-views-delete');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByText('No saved view of yours is left on this page.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await noPicker(page);
    await page.context().close();
  }
  const teammate = await signedIn(finn);
  await teammate.goto('/approvals');
  await noPicker(teammate);
  await teammate.context().close();
});

void test('the runs, requests and events pages save a view of their filters and put it back in one pick', async () => {
  const page = await signedIn(fran);
  const pages = [
    { path: '/runs', filtered: '/runs?status=failed&workflow=customer-refund', name: 'Failed refunds', check: (url: URL) => url.searchParams.get('status') === 'failed' },
    { path: '/requests', filtered: '/requests?view=all&status=open', name: 'Everyone’s open', check: (url: URL) => url.searchParams.get('view') === 'all' && url.searchParams.get('status') === 'open' },
    { path: '/events', filtered: '/events?type=charge.refunded', name: 'Refunds', check: (url: URL) => url.searchParams.get('type') === 'charge.refunded' },
  ];
  for (const { path, filtered, name, check } of pages) {
    await page.goto(filtered);
    await noPicker(page);
    const dialog = await saveView(page, name);
    await dialog.waitFor({ state: 'detached' });
    await waitShown(page, name);
    await screenshot(page, `saved-views-${path.slice(1)}`);
    await page.goto(path);
    await waitShown(page, 'Choose a view…');
    await picker(page).selectOption({ label: name });
    await page.waitForURL(check);
    await waitShown(page, name);
  }
  await page.context().close();
});

/** Moves a run or a request back in time in the store, as if made `daysAgo` days ago: every time of it (one not set yet stays unset). */
async function moveBack(table: 'runs' | 'requests', id: string, daysAgo: number): Promise<void> {
  const columns = table === 'runs' ? ['created_at', 'updated_at', 'finished_at'] : ['created_at', 'updated_at', 'closed_at'];
  const back = daysAgo * 86_400_000;
  const store = await openStore({ sqliteFile: suite.tollgate.sqliteFile, migrate: false });
  try {
    const moved = sql`${sql.join(columns.map((column) => sql`${sql.ref(column)} = ${sql.ref(column)} - ${back}`))}`;
    const updated = await sql`UPDATE ${sql.table(table)} SET ${moved} WHERE id = ${id}`.execute(inspectDatabase(store));
    assert.equal(updated.numAffectedRows, 1n, `${table} ${id} moved back ${daysAgo} days`);
  } finally {
    await store.close();
  }
}

/** A run of a one-step manual workflow, started now by the admin; `daysAgo`: then moved back in time in the store, as if started that long ago. */
async function tickRun(daysAgo = 0): Promise<string> {
  await asAdmin('POST', '/apply', { documents: [{ kind: 'Workflow', id: 'tick', title: 'Tick', trigger: { type: 'manual' }, steps: [{ id: 'done', type: 'end', outcome: 'Ticked' }] }] });
  const started = await asAdmin('POST', '/workflows/tick/runs', { input: {} });
  const id = (started.body as { run: { id: string } }).run.id;
  await pollUntil(async () => ((await asAdmin('GET', `/runs/${id}`)).body as { run: { status: string } }).run.status, (status) => status === 'succeeded', { what: `run ${id} ended` });
  if (daysAgo > 0) await moveBack('runs', id, daysAgo);
  return id;
}

/** Waits until the runs table lists exactly `ids` (by their links). */
async function waitForRuns(page: Page, ids: string[], what: string): Promise<void> {
  const links = page.getByRole('table', { name: 'Runs' }).locator('tbody a.run-id');
  await pollUntil(async () => (await links.allTextContents()).sort().join(' '), (listed) => listed === [...ids].sort().join(' '), { what });
}

void test('Runs: "Last 24 hours" lists a run from now and not one from three days ago; a view saved of it stays relative', async () => {
  const fresh = await tickRun();
  const old = await tickRun(3);
  const page = await signedIn(fran);
  await page.goto('/runs?workflow=tick');
  await waitForRuns(page, [fresh, old], 'both runs before the time filter');
  const filters = page.getByRole('form', { name: 'Filter runs' });
  const started = filters.getByLabel('Started', { exact: true });
  assert.equal(await filters.getByLabel('Started from').count(), 0, 'no absolute times while the choice is Any time');

  await started.selectOption({ label: 'Last 24 hours' });
  await page.waitForURL((url) => url.searchParams.get('within') === '24h' && !url.searchParams.has('from'));
  await waitForRuns(page, [fresh], 'only the run of the last 24 hours');
  await screenshot(page, 'runs-time-window');

  const dialog = await saveView(page, 'Ticks, last 24 hours');
  await dialog.waitFor({ state: 'detached' });
  await waitShown(page, 'Ticks, last 24 hours');
  const saved = (await asAdmin('GET', '/views?page=runs&all=true')).body as { views: { name: string; query: string }[] };
  const query = new URLSearchParams(saved.views.find((view) => view.name === 'Ticks, last 24 hours')?.query);
  assert.deepEqual([query.get('within'), query.get('workflow'), query.has('from')], ['24h', 'tick', false], 'the view keeps the window relative, not a time');

  await page.goto('/runs');
  await waitShown(page, 'Choose a view…');
  await picker(page).selectOption({ label: 'Ticks, last 24 hours' });
  await page.waitForURL((url) => url.searchParams.get('within') === '24h');
  await page.reload();
  await waitShown(page, 'Ticks, last 24 hours');
  assert.equal(await started.inputValue(), '24h', 'a reload keeps the relative choice');
  await waitForRuns(page, [fresh], 'the same window after a reload');

  // Custom starts where the window starts now, as absolute times the list keeps as before.
  await started.selectOption({ label: 'Custom' });
  await page.waitForURL((url) => url.searchParams.has('from') && !url.searchParams.has('within'));
  assert.match(await filters.getByLabel('Started from').inputValue(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  await waitForRuns(page, [fresh], 'the custom range from 24 hours ago');
  await waitShown(page, 'Unsaved filters');
  await screenshot(page, 'runs-time-custom');
  await started.selectOption({ label: 'Any time' });
  await page.waitForURL((url) => !url.searchParams.has('from') && !url.searchParams.has('within'));
  await waitForRuns(page, [fresh, old], 'both runs again');
  assert.equal(await filters.getByLabel('Started from').count(), 0, 'the absolute times go with Custom');
  await page.context().close();

  const phone = await signedIn(fran, 'phone');
  await phone.goto('/runs?workflow=tick&within=24h');
  await waitForRuns(phone, [fresh], 'the window on a phone');
  assert.equal(await sidewaysOverflow(phone), 0, 'nothing sticks out sideways');
  await screenshot(phone, 'runs-time-window');
  await phone.goto('/runs?workflow=tick&from=2020-01-01T00:00');
  await waitForRuns(phone, [fresh, old], 'a custom range on a phone');
  assert.equal(await sidewaysOverflow(phone), 0, 'nor with the custom times');
  await screenshot(phone, 'runs-time-custom');
  await phone.context().close();
});

/** A refund request submitted now by the admin; `daysAgo`: then moved back in time in the store, as if submitted that long ago. */
async function refundRequest(daysAgo = 0): Promise<string> {
  const values = { customerEmail: 'ann@example.com', chargeIdToRefund: 'ch_3QWindowRefund', refundAmount: 25, reason: 'Goodwill', notes: `Submitted ${daysAgo} days ago` };
  const submitted = await asAdmin('POST', '/catalog/offerings/refund-request/requests', { values });
  const id = (submitted.body as { request: { id: string } }).request.id;
  if (daysAgo > 0) await moveBack('requests', id, daysAgo);
  return id;
}

/** Waits until the requests table lists exactly `ids` (by their links); none when it says no request matches. */
async function waitForRequests(page: Page, ids: string[], what: string): Promise<void> {
  const table = page.getByRole('table', { name: 'Requests' });
  const none = page.getByText('No requests match these filters');
  const listed = async () => {
    await table.locator('tbody tr').first().or(none).waitFor();
    if (await none.isVisible()) return '';
    const hrefs = await Promise.all((await table.getByRole('link').all()).map((link) => link.getAttribute('href')));
    return hrefs.map((href) => href?.split('/').pop() ?? '(a link without href)').sort().join(' ');
  };
  await pollUntil(listed, (text) => text === [...ids].sort().join(' '), { what });
}

void test('Requests: "Last 7 days" lists a refund request from today and not one from ten days ago; a view saved of it stays relative; custom times that cannot hold are refused at the field', async () => {
  const fresh = await refundRequest();
  const old = await refundRequest(10);
  const page = await signedIn(fran);
  await page.goto('/requests?view=all&service=customer-success&offering=refund-request');
  await waitForRequests(page, [fresh, old], 'both refund requests before the time filter');
  const filters = page.getByRole('form', { name: 'Filter requests' });
  const submitted = filters.getByLabel('Submitted', { exact: true });
  assert.equal(await submitted.inputValue(), '', 'Any time at first');
  assert.equal(await filters.getByLabel('Submitted from').count(), 0, 'no absolute times while the choice is Any time');

  await submitted.selectOption({ label: 'Last 7 days' });
  await page.waitForURL((url) => url.searchParams.get('within') === '7d' && url.searchParams.get('offering') === 'refund-request' && !url.searchParams.has('from'));
  assert.equal(await filters.getByLabel('Offering').inputValue(), 'customer-success/refund-request', 'the offering is kept with the window');
  await waitForRequests(page, [fresh], 'only the refund request of the last 7 days');
  await screenshot(page, 'requests-time-window');

  await page.getByRole('button', { name: 'Save view…' }).click();
  const dialog = saveDialog(page);
  // The service and the offering by their titles from the catalog, as the filters above name them, not by their ids.
  await dialog.getByRole('listitem').filter({ hasText: 'Offering: Refund Request' }).waitFor();
  const kept = await dialog.getByRole('listitem').allTextContents();
  assert.deepEqual(kept.map((item) => item.replace(/\s+/g, ' ').trim()), ['Whose: Everyone’s', 'Service: Customer Success', 'Offering: Refund Request', 'Submitted: Last 7 days'], 'the dialog names the window');
  await screenshot(page, 'saved-views-requests-save-dialog');
  await dialog.getByLabel('Name').fill('Refunds this week');
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await dialog.waitFor({ state: 'detached' });
  await waitShown(page, 'Refunds this week');
  const saved = (await asAdmin('GET', '/views?page=requests&all=true')).body as { views: { name: string; query: string }[] };
  const query = new URLSearchParams(saved.views.find((view) => view.name === 'Refunds this week')?.query);
  assert.deepEqual([query.get('within'), query.get('offering'), query.get('view'), query.has('from')], ['7d', 'refund-request', 'all', false], 'the view keeps the window relative, not a time');

  await page.goto('/requests');
  await waitShown(page, 'Choose a view…');
  await picker(page).selectOption({ label: 'Refunds this week' });
  await page.waitForURL((url) => url.searchParams.get('within') === '7d');
  await page.reload();
  await waitShown(page, 'Refunds this week');
  assert.equal(await submitted.inputValue(), '7d', 'a reload keeps the relative choice');
  await waitForRequests(page, [fresh], 'the same window after a reload');

  // Custom starts where the window starts now; a "before" earlier than it is refused at the field, and nothing is asked.
  await submitted.selectOption({ label: 'Custom' });
  await page.waitForURL((url) => url.searchParams.has('from') && !url.searchParams.has('within'));
  const from = await filters.getByLabel('Submitted from').inputValue();
  assert.match(from, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  await waitForRequests(page, [fresh], 'the custom range from 7 days ago');
  await waitShown(page, 'Unsaved filters');
  const asked: URL[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/v1/requests') asked.push(url);
  });
  await filters.getByLabel('Submitted before').fill('2020-01-01T00:00');
  await filters.getByText('Pick a time after “Submitted from”.').waitFor();
  assert.equal(await filters.getByLabel('Submitted before').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(asked.filter((url) => url.searchParams.has('created_before')), [], 'no list is asked for with the impossible range');
  await screenshot(page, 'requests-time-range-refused');

  // Before the window: the old request alone.
  await page.goto(`/requests?view=all&service=customer-success&offering=refund-request&to=${encodeURIComponent(from)}`);
  await waitForRequests(page, [old], 'the request submitted before the last 7 days');
  await screenshot(page, 'requests-time-custom');
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await page.waitForURL((url) => url.search === '?view=all');
  assert.equal(await submitted.inputValue(), '', 'Clear filters clears the time too');
  await page.context().close();

  const phone = await signedIn(fran, 'phone');
  await phone.goto('/requests?view=all&service=customer-success&offering=refund-request&within=7d');
  await waitForRequests(phone, [fresh], 'the window on a phone');
  assert.equal(await sidewaysOverflow(phone), 0, 'nothing sticks out sideways');
  await screenshot(phone, 'requests-time-window');
  await phone.goto(`/requests?view=all&service=customer-success&offering=refund-request&from=${encodeURIComponent(from)}&to=2020-01-01T00:00`);
  await phone.getByText('Pick a time after “Submitted from”.').waitFor();
  assert.equal(await sidewaysOverflow(phone), 0, 'nor with the range refused');
  await screenshot(phone, 'requests-time-range-refused');

  // A link naming an offering without its service means that offering in any service, and the dialog says so.
  await phone.goto('/requests?view=all&offering=refund-request');
  await waitForRequests(phone, [fresh, old], 'the refund requests of any service');
  await phone.getByRole('button', { name: 'Save view…' }).click();
  const phoneDialog = saveDialog(phone);
  await phoneDialog.getByRole('listitem').filter({ hasText: 'Offering: Refund Request (any service)' }).waitFor();
  const keptOnPhone = await phoneDialog.getByRole('listitem').allTextContents();
  assert.deepEqual(keptOnPhone.map((item) => item.replace(/\s+/g, ' ').trim()), ['Whose: Everyone’s', 'Offering: Refund Request (any service)']);
  assert.equal(await sidewaysOverflow(phone), 0, 'the dialog fits a phone');
  await screenshot(phone, 'saved-views-requests-save-dialog');
  await phoneDialog.getByRole('button', { name: 'Cancel' }).click();
  await phone.context().close();
});
