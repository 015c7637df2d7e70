import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import Stripe from 'stripe';
import { holdWorkflowNames, launchBrowser, logIn, newPage, sawText, screenshot, sidewaysOverflow, watchForText } from './support/browser.ts';
import { startTollgate, type BrowserTollgate } from './support/browser-tollgate.ts';
import { pollUntil } from '../support/poll-until.ts';
import { sessionHeadersOf, type SessionHeaders } from '../support/session-headers.ts';

const PASSWORD = 'approvals test password';

let tollgate: BrowserTollgate;
let browser: Browser;
let stripe: Stripe;
let offering: string;
const cookies: Record<string, SessionHeaders> = {};

/** A port nobody listens on now, for the built-in Stripe sandbox, so the test can make charges in it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Calls the API with someone's session cookie; answers the JSON body, failing the test on an unexpected status. */
async function call<T>(who: string, method: 'GET' | 'POST', path: string, body?: object, expected: number[] = [200, 201]): Promise<{ status: number; body: T }> {
  const response = await fetch(`${tollgate.url}/api/v1${path}`, {
    method,
    headers: { ...cookies[who], ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  assert.ok(expected.includes(response.status), `${method} ${path}: ${response.status} ${text}`);
  return { status: response.status, body: JSON.parse(text) as T };
}

async function sessionOf(email: string, password: string): Promise<SessionHeaders> {
  const response = await fetch(`${tollgate.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  assert.equal(response.status, 200, await response.text());
  return sessionHeadersOf(response.headers.getSetCookie());
}

/** A user with a password; the example's team members exist already (without one). */
async function approverUser(email: string, roles: string[]): Promise<void> {
  const created = await call<unknown>('admin', 'POST', '/users', { email, roles, password: PASSWORD }, [201, 409]);
  if (created.status === 409) await call('admin', 'POST', `/users/${encodeURIComponent(email)}`, { roles, password: PASSWORD });
  cookies[email] = await sessionOf(email, PASSWORD);
}

/** A charge of `amount` cents in the sandbox, and a refund request of `refundAmount` USD (1,500) on it by the requester; answers the charge and run ids. */
async function refundRequest(amount = 200_000, refundAmount = 1500): Promise<{ charge: string; run: string }> {
  const intent = await stripe.paymentIntents.create({ amount, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' });
  const charge = intent.latest_charge as string;
  const values = { customerEmail: 'pat@example.com', chargeIdToRefund: charge, refundAmount, reason: 'Duplicate charge', notes: 'Billed twice for the March invoice.' };
  const submitted = await call<{ run: { id: string } }>('rita@example.com', 'POST', `/catalog/offerings/${offering}/requests`, { values });
  return { charge, run: submitted.body.run.id };
}

async function runOf(id: string): Promise<{ status: string; outcome: string | null }> {
  return (await call<{ run: { status: string; outcome: string | null } }>('admin', 'GET', `/runs/${id}`)).body.run;
}

async function pollRun(id: string, until: (run: { status: string; outcome: string | null }) => boolean): Promise<{ status: string; outcome: string | null }> {
  for (;;) {
    const run = await runOf(id);
    if (until(run)) return { status: run.status, outcome: run.outcome };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** No part of the page is wider than the screen. */
async function assertNoOverflow(page: Page): Promise<void> {
  const overflow = await sidewaysOverflow(page);
  assert.equal(overflow, 0, `the page sticks out ${overflow} px beyond the screen`);
}

before(async () => {
  const sandboxPort = await freePort();
  [tollgate, browser] = await Promise.all([startTollgate({ env: { TOLLGATE_SANDBOX_PORT: String(sandboxPort) } }), launchBrowser()]);
  stripe = new Stripe('sk_test_browser', { host: '127.0.0.1', port: sandboxPort, protocol: 'http', maxNetworkRetries: 0 });
  cookies.admin = await sessionOf(tollgate.admin.email, tollgate.admin.password);
  await call('admin', 'POST', '/users', { email: 'rita@example.com', name: 'Rita Requester', roles: ['requester'], password: PASSWORD });
  cookies['rita@example.com'] = await sessionOf('rita@example.com', PASSWORD);
  await approverUser('casey@example.com', ['approver']);
  await approverUser('fran@example.com', ['approver']);
  const catalog = await call<{ services: { offerings: { id: string; workflow: string }[] }[] }>('admin', 'GET', '/catalog');
  const found = catalog.body.services.flatMap((service) => service.offerings).find((candidate) => candidate.workflow === 'customer-refund');
  assert.ok(found, 'the customer-refund example is offered');
  offering = found.id;
});

after(async () => {
  await browser?.close();
  await tollgate?.stop();
});

/** Watches the inbox's cards and filters, a task's header and its run: the customer-refund example by its id ever showing. */
const WORKFLOW_BY_ID = watchForText('.task-card, .inbox-filters, .page-header, [aria-labelledby="run-title"]', ['customer-refund']);

/**
 * The inbox filtered to the customer-refund workflow in its URL (a shared link): the Workflow filter names it by the
 * title the inbox's answer gives, while the workflow list is held back; then the task `step` shows under it.
 */
async function checkWorkflowFilter(page: Page, step: string): Promise<void> {
  await page.goto('/approvals?workflow=customer-refund');
  await page.getByRole('link', { name: new RegExp(step) }).first().waitFor();
  await page.getByLabel('Workflow').locator('option:checked', { hasText: 'Customer refund' }).waitFor({ state: 'attached' });
  assert.equal(await sawText(page), null, 'the Workflow filter never named the workflow by its id');
  await screenshot(page, 'approvals-inbox-filtered');
}

/** The id of the first task the inbox lists under `title`, from its link. */
async function taskIdOf(page: Page, title: string): Promise<string> {
  const href = await page.getByRole('link', { name: new RegExp(title) }).first().getAttribute('href');
  const id = href?.split('/').at(-1);
  assert.ok(id !== undefined && id !== '', `the task link "${title}" leads to a task`);
  return id;
}

void test('the CSM approves from the inbox on a laptop, Finance on a phone; the detail says exactly what the approval does; the run ends Refunded', async () => {
  const { charge, run } = await refundRequest();
  await pollRun(run, (state) => state.status === 'waiting');

  const desk = await newPage(browser, tollgate.url, 'desktop');
  await logIn(desk, 'casey@example.com', PASSWORD);
  // Home lists the task with what approving it leads to.
  const homeTasks = desk.getByRole('region', { name: 'My open approvals' });
  await homeTasks.getByRole('link', { name: 'CSM Review' }).waitFor();
  await homeTasks.getByText(`Refund 1,500.00 USD on ${charge}`).waitFor();
  await desk.getByText('Loading charts…').waitFor({ state: 'detached' });
  await screenshot(desk, 'home-approvals');
  // The inbox and the task name the workflow by the title their answers give from the first render, never by its id
  // until the workflow names arrive (held back here until both were checked).
  const releaseDeskNames = await holdWorkflowNames(desk);
  await desk.addInitScript({ content: WORKFLOW_BY_ID });
  await checkWorkflowFilter(desk, 'CSM Review');
  await desk.goto('/approvals');
  await desk.getByRole('link', { name: /CSM Review/ }).first().waitFor();
  await desk.getByText(/· for CSM Team/).first().waitFor();
  // The card says what is at stake before the task is opened.
  const atStake = desk.locator('.task-card', { hasText: 'CSM Review' }).first().locator('.task-leads-to');
  assert.equal((await atStake.innerText()).replace(/\s+/g, ' '), `Approving leads to Refund 1,500.00 USD on ${charge}`);
  // The workflow by its title, not its id.
  await desk.locator('.task-card', { hasText: 'CSM Review' }).first().getByText('Customer refund', { exact: true }).waitFor();
  // A task with no deadline says so in sentence case, as it is written.
  assert.equal(await desk.locator('.task-card', { hasText: 'CSM Review' }).first().locator('.badge', { hasText: /deadline/i }).innerText(), 'No deadline');
  assert.equal(await sawText(desk), null, 'the inbox never named the workflow by its id');
  await screenshot(desk, 'approvals-inbox');
  await desk.goto(`/approvals/${await taskIdOf(desk, 'CSM Review')}`);
  const refundLine = desk.getByText(`Refund 1,500.00 USD on ${charge}`);
  await refundLine.waitFor();
  // Teams by their titles, not their ids.
  await desk.getByText(/Then Finance Approval \(Finance Team\) decides/).waitFor();
  await desk.getByText(/^Customer refund · for CSM Team ·/).waitFor();
  await desk.getByText('1,500.00 USD', { exact: true }).waitFor();
  await desk.getByText('Billed twice for the March invoice.').waitFor();
  await desk.getByText('Charge details from Stripe').click();
  await desk.getByText('2,000.00 USD').waitFor();
  // No SMTP connector here: the page says the approvers' email was kept, not sent.
  const told = desk.getByRole('region', { name: 'Emails to the approvers' });
  await told.getByText(/Kept in the outbox \(no SMTP connector\)/).waitFor();
  assert.match(await told.innerText(), /First notice\s+Kept here\s+casey@example\.com/);
  // The run by its workflow's title, not its id.
  await desk.getByRole('region', { name: /^The run so far/ }).getByRole('link', { name: 'Open the run of Customer refund' }).waitFor();
  assert.equal(await sawText(desk), null, "the task's page never named the workflow by its id");
  releaseDeskNames();
  await screenshot(desk, 'approval-task');
  await assertNoOverflow(desk);
  await desk.getByRole('button', { name: 'Approve' }).click();
  await desk.getByText('Approved by casey@example.com', { exact: true }).waitFor();
  await desk.getByRole('link', { name: '← Inbox' }).click();
  await desk.getByText('Nothing waits for you.').waitFor();

  const phone = await newPage(browser, tollgate.url, 'phone');
  await logIn(phone, 'fran@example.com', PASSWORD);
  const releasePhoneNames = await holdWorkflowNames(phone);
  await phone.addInitScript({ content: WORKFLOW_BY_ID });
  await checkWorkflowFilter(phone, 'Finance Approval');
  await phone.goto('/approvals');
  const task = phone.getByRole('link', { name: /Finance Approval/ }).first();
  await task.waitFor();
  await phone.locator('.task-leads-to', { hasText: `Refund 1,500.00 USD on ${charge}` }).first().waitFor();
  await screenshot(phone, 'approvals-inbox');
  await assertNoOverflow(phone);
  await task.click();
  // The inbox card says it too: wait for the task page itself.
  await phone.getByRole('heading', { name: 'Your decision' }).waitFor();
  await phone.getByText(`Refund 1,500.00 USD on ${charge}`).first().waitFor();
  // The step without a title is named in words, as the run's page names it.
  const runSoFar = phone.getByRole('region', { name: /The run so far/ });
  await runSoFar.getByText('Threshold check', { exact: true }).waitFor();
  assert.equal(await runSoFar.getByText('threshold_check', { exact: true }).count(), 0);
  await phone.getByText(/^Customer refund · for Finance Team ·/).waitFor();
  assert.equal(await sawText(phone), null, 'neither the inbox nor the task named the workflow by its id');
  releasePhoneNames();
  await screenshot(phone, 'approval-task');
  await assertNoOverflow(phone);
  const approve = phone.getByRole('button', { name: 'Approve' });
  const box = await approve.boundingBox();
  assert.ok(box && box.height >= 44 && box.width >= 120, `the Approve button is big enough to tap: ${JSON.stringify(box)}`);
  assert.ok(box.x >= 0 && box.x + box.width <= 390, 'and fully on screen');
  await approve.tap();
  await phone.getByText('Approved by fran@example.com', { exact: true }).waitFor();
  await screenshot(phone, 'approval-task-approved');

  const ended = await pollRun(run, (state) => state.status !== 'waiting' && state.status !== 'running');
  assert.deepEqual(ended, { status: 'succeeded', outcome: 'Refunded' });
  await phone.getByRole('link', { name: '← Inbox' }).click();
  await phone.getByText('Nothing waits for you.').waitFor();
  await phone.getByRole('link', { name: 'Decided' }).click();
  await phone.getByRole('link', { name: /Finance Approval/ }).first().waitFor();
  await desk.context().close();
  await phone.context().close();
});

void test('a rejection needs a comment: the server says so next to the comment box; with one the run ends Denied', async () => {
  const { run } = await refundRequest();
  await pollRun(run, (state) => state.status === 'waiting');
  const page = await newPage(browser, tollgate.url, 'desktop');
  await logIn(page, 'casey@example.com', PASSWORD);
  await page.goto('/approvals');
  await page.getByRole('link', { name: /CSM Review/ }).first().click();
  await page.getByText(/Refund 1,500\.00 USD on ch_/).waitFor();
  await page.getByRole('button', { name: 'Reject' }).click();
  const error = page.locator('#decision-comment-error');
  await error.waitFor();
  assert.match(await error.innerText(), /comment is required to reject/);
  assert.equal(await page.getByLabel(/Comment/).getAttribute('aria-invalid'), 'true');
  await page.getByLabel(/Comment/).fill('The customer was already refunded by bank transfer.');
  await page.getByRole('button', { name: 'Reject' }).click();
  await page.getByText('Rejected by casey@example.com', { exact: true }).waitFor();
  await page.getByText('“The customer was already refunded by bank transfer.”').first().waitFor();
  await screenshot(page, 'approval-task-rejected');
  const ended = await pollRun(run, (state) => state.status !== 'waiting' && state.status !== 'running');
  assert.deepEqual(ended, { status: 'succeeded', outcome: 'Denied' });
  await page.context().close();
});

void test('away: a delegation is made from the inbox, listed, and ended', async () => {
  const page = await newPage(browser, tollgate.url, 'phone');
  await logIn(page, 'fran@example.com', PASSWORD);
  await page.goto('/approvals');
  await page.getByText('Away? Delegate your approvals').click();
  await page.getByLabel('Delegate to').fill('casey@example.com');
  await page.getByRole('button', { name: 'Delegate' }).click();
  const end = page.getByRole('button', { name: 'End the delegation to casey@example.com' });
  await end.waitFor();
  await screenshot(page, 'approvals-delegated');
  await end.click();
  await page.getByText('Nobody decides for you while you are away.').waitFor();
  await page.getByLabel('Delegate to').fill('fran@example.com');
  await page.getByRole('button', { name: 'Delegate' }).click();
  await page.getByText(/cannot be their own delegate/).waitFor();
  await page.context().close();
});

void test("the review asks Stripe whether the charge is disputed or reported as fraud, shows what Tollgate saw about it, a fraud warning marked, with the way to every event and run about it", async () => {
  const { charge, run } = await refundRequest();
  await pollRun(run, (state) => state.status === 'waiting');
  const page = await newPage(browser, tollgate.url, 'desktop');
  await logIn(page, 'casey@example.com', PASSWORD);
  const [task] = (await call<{ approvals: { id: string; run: string }[] }>('admin', 'GET', '/approvals?status=pending&limit=200')).body.approvals.filter((candidate) => candidate.run === run);
  assert.ok(task, 'the request waits for the CSM');
  await page.goto(`/approvals/${task.id}`);
  await page.getByRole('status').filter({ hasText: `Stripe reports no dispute and no early fraud warning on ${charge}.` }).waitFor();

  // The issuer reports fraud on the request's charge: Stripe keeps the warning and sends its event.
  const warning = await fetch(`${tollgate.sandboxUrl}/_sandbox/trigger`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event: 'radar.early_fraud_warning.created', charge }),
  });
  const sent = await warning.text();
  assert.equal(warning.status, 200, sent);
  const warningId = (JSON.parse(sent) as { id: string }).id;
  await pollUntil(
    async () => (await call<{ events: { id: string }[] }>('admin', 'GET', `/events?object=${charge}`)).body.events.map((event) => event.id),
    (ids) => ids.includes(warningId),
    { what: 'the fraud warning stored' },
  );

  const warningObject = (JSON.parse(sent) as { data: { object: { id: string } } }).data.object.id;
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: `The card issuer reported fraud on ${charge}.` });
  await alert.waitFor();
  assert.match(await alert.innerText(), new RegExp(`A refund now can head off a dispute\\.[\\s\\S]*Early fraud warning: other fraud, .* \\(${warningObject}\\)`));
  await page.getByText('Charge details from Stripe').click();
  const panel = page.locator('.charge-panel');
  await panel.getByText(`${warningObject}), actionable`).waitFor();
  assert.equal(await panel.locator('.kv-row').filter({ hasText: 'Disputed' }).locator('dd').innerText(), 'No');
  await screenshot(page, 'approval-charge-risk');
  const history = page.getByRole('region', { name: `Seen by Tollgate about ${charge}` });
  const line = history.getByRole('listitem').filter({ hasText: 'radar.early_fraud_warning.created' });
  await line.waitFor();
  assert.equal(await line.locator('.badge').innerText(), 'Fraud warning', 'the warning is marked, in sentence case');
  await screenshot(page, 'approval-object-history');
  await history.getByRole('link', { name: 'All events about it' }).click();
  await page.waitForURL((url) => url.pathname === '/events' && url.searchParams.get('object') === charge);
  await page.getByRole('table', { name: `Stripe events about ${charge}` }).getByText(warningId).waitFor();
  await page.context().close();

  // Then the cardholder's bank takes the payment back.
  const disputed = await fetch(`${tollgate.sandboxUrl}/_sandbox/trigger`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event: 'charge.dispute.created', charge }) });
  assert.equal(disputed.status, 200, await disputed.text());
  const phone = await newPage(browser, tollgate.url, 'phone');
  await logIn(phone, 'casey@example.com', PASSWORD);
  await phone.goto(`/approvals/${task.id}`);
  await phone.getByRole('region', { name: `Seen by Tollgate about ${charge}` }).getByText('radar.early_fraud_warning.created').waitFor();
  const risk = phone.getByRole('alert').filter({ hasText: `${charge} is disputed.` });
  await risk.waitFor();
  assert.match(await risk.innerText(), /the refund step will refuse it \(charge_disputed\)[\s\S]*The card issuer reported fraud on ch_\w+\. No longer actionable/);
  await screenshot(phone, 'approval-object-history');
  await assertNoOverflow(phone);
  await phone.context().close();
  await call('casey@example.com', 'POST', `/approvals/${task.id}/decide`, { decision: 'rejected', comment: 'A fraud warning: no refund before it is looked into.' });
});

void test('the open tab says how many tasks wait and the money they lead to, and orders them by the largest amount on request', async () => {
  // The smaller one first: most urgent (the longest waiting) puts it first, largest amount last.
  const small = await refundRequest(10_000, 40);
  const large = await refundRequest(300_000, 2_750);
  await pollRun(small.run, (state) => state.status === 'waiting');
  await pollRun(large.run, (state) => state.status === 'waiting');
  const listed = await call<{ approvals: { leads_to: { amount: { minor: number; currency: string | null } | null } | null }[] }>('casey@example.com', 'GET', '/approvals?status=pending&mine=true&limit=200');
  const cents = listed.body.approvals.reduce((sum, task) => sum + (task.leads_to?.amount?.currency === 'usd' ? task.leads_to.amount.minor : 0), 0);
  const dollars = (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  const page = await newPage(browser, tollgate.url, 'desktop');
  await logIn(page, 'casey@example.com', PASSWORD);
  await page.goto('/approvals');
  const summary = page.locator('.inbox-summary p');
  await summary.waitFor();
  assert.equal(await summary.innerText(), `${listed.body.approvals.length} tasks · ${dollars} USD at stake`);
  const order = async () => {
    const cards = await page.locator('.task-leads-to').allInnerTexts();
    return cards.filter((text) => text.includes(small.charge) || text.includes(large.charge)).map((text) => (text.includes(small.charge) ? 'small' : 'large'));
  };
  assert.deepEqual(await order(), ['small', 'large'], 'most urgent first: the one waiting longest');
  await page.getByText('Largest amount').click();
  await page.waitForURL((url) => url.searchParams.get('sort') === 'amount');
  await page.getByText('Tasks for you and your teams, the largest amount first.').waitFor();
  await page.locator('.task-leads-to').first().waitFor();
  assert.deepEqual(await order(), ['large', 'small']);
  assert.match((await page.locator('.task-leads-to').first().innerText()).replace(/\s+/g, ' '), /^Approving leads to Refund [\d,]+\.\d\d USD on ch_/, 'the largest of all is first');
  await screenshot(page, 'approvals-inbox-by-amount');
  await page.context().close();

  const phone = await newPage(browser, tollgate.url, 'phone');
  await logIn(phone, 'casey@example.com', PASSWORD);
  await phone.goto('/approvals?sort=amount');
  await phone.locator('.inbox-summary p').waitFor();
  await assertNoOverflow(phone);
  await screenshot(phone, 'approvals-inbox-by-amount');
  await phone.context().close();
});

/** A manual workflow whose approval step asks the CSM approver for a bank reference (required) and a fee. */
const PAYOUT_RELEASE = `
kind: Workflow
id: payout-release
title: Payout release
trigger: { type: manual }
steps:
  - id: release
    type: approval
    title: Release payout
    assignee: { team: csm }
    form:
      - { key: bankReference, label: Bank reference, type: text, required: true, pattern: "^BR-", help: "As on the bank's confirmation, e.g. BR-2291" }
      - { key: fee, label: Fee, type: money }
  - { id: done, type: end, outcome: Released }
`;

/** Applies PAYOUT_RELEASE (once) and starts a run of it as the admin; answers the run's approval task id once it waits. */
async function payoutRelease(): Promise<{ run: string; task: string }> {
  const applied = await fetch(`${tollgate.url}/api/v1/apply`, { method: 'POST', headers: { ...cookies.admin, 'content-type': 'application/yaml' }, body: PAYOUT_RELEASE });
  assert.equal(applied.status, 200, await applied.text());
  const started = await call<{ run: { id: string } }>('admin', 'POST', '/workflows/payout-release/runs', { input: {} }, [200, 201, 202]);
  const run = started.body.run.id;
  await pollRun(run, (state) => state.status === 'waiting');
  const [task] = (await call<{ approvals: { id: string; run: string }[] }>('admin', 'GET', '/approvals?status=pending&workflow=payout-release&limit=200')).body.approvals.filter((candidate) => candidate.run === run);
  assert.ok(task, 'the run waits on its approval task');
  return { run, task: task.id };
}

void test("an approval step's fields: approving without the required one is refused in the browser at the field; with it the task and the run's journal keep the values", async () => {
  const first = await payoutRelease();
  const page = await newPage(browser, tollgate.url, 'desktop');
  await logIn(page, 'casey@example.com', PASSWORD);
  await page.goto('/approvals');
  await page.getByRole('link', { name: /Release payout/ }).first().click();
  const fields = page.getByRole('group', { name: 'To approve, fill in' });
  await fields.getByText("As on the bank's confirmation, e.g. BR-2291").waitFor();
  await page.getByRole('heading', { name: 'The run so far' }).waitFor();
  assert.equal(await page.getByText('Charge details from Stripe').count(), 0, 'a payout names no charge: no charge panel');
  await screenshot(page, 'approval-task-form');
  await page.getByRole('button', { name: 'Approve' }).click();
  const reference = page.getByLabel('Bank reference');
  await page.locator('#field-bankReference-error').getByText('Bank reference is required').waitFor();
  assert.equal(await reference.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate<string>('document.activeElement.id'), 'field-bankReference', 'the field with the problem has the focus');
  await page.getByRole('alert').filter({ hasText: 'One field needs attention before you can approve.' }).waitFor();
  await screenshot(page, 'approval-task-form-refused');
  const still = await call<{ approval: { status: string }; decisions: unknown[] }>('admin', 'GET', `/approvals/${first.task}`);
  assert.deepEqual([still.body.approval.status, still.body.decisions.length], ['pending', 0], 'nothing was sent');

  await reference.fill('XX-1');
  const patternError = await page.locator('#field-bankReference-error').innerText();
  assert.doesNotMatch(patternError, /required/, `a wrong reference is told as it is typed: ${patternError}`);
  await reference.fill('BR-2291');
  await page.locator('#field-bankReference-error').waitFor({ state: 'detached' });
  await page.getByLabel('Amount').fill('2.50');
  await page.getByLabel('Currency').fill('usd');
  await page.getByLabel(/Comment/).fill('Matches the bank confirmation.');
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByText('Approved by casey@example.com', { exact: true }).waitFor();
  const values = page.getByRole('status').getByLabel('What the approver filled in');
  await values.getByText('BR-2291').waitFor();
  assert.equal((await values.innerText()).replace(/\s+/g, ' ').trim(), 'Bank reference BR-2291 Fee 2.50 USD');
  const ended = await pollRun(first.run, (state) => state.status !== 'waiting' && state.status !== 'running');
  assert.deepEqual(ended, { status: 'succeeded', outcome: 'Released' });
  await page.reload();
  await page.locator('.outcome dl').getByText('BR-2291').waitFor();
  await screenshot(page, 'approval-task-form-approved');
  await assertNoOverflow(page);
  const journal = await call<{ steps: { step_id: string; output: { decision?: string; values?: unknown } | null }[] }>('admin', 'GET', `/runs/${first.run}`);
  const release = journal.body.steps.find((step) => step.step_id === 'release');
  assert.deepEqual(release?.output?.values, { bankReference: 'BR-2291', fee: { amount: 2.5, currency: 'usd' } }, "the approval step's output in the journal");
  await page.context().close();

  // On a phone: the fields fit, the error shows at its field, and the approval goes through.
  const second = await payoutRelease();
  const phone = await newPage(browser, tollgate.url, 'phone');
  await logIn(phone, 'casey@example.com', PASSWORD);
  await phone.goto(`/approvals/${second.task}`);
  await phone.getByRole('group', { name: 'To approve, fill in' }).waitFor();
  await phone.getByRole('button', { name: 'Approve' }).tap();
  await phone.locator('#field-bankReference-error').getByText('Bank reference is required').waitFor();
  await screenshot(phone, 'approval-task-form-refused');
  await assertNoOverflow(phone);
  await phone.getByLabel('Bank reference').fill('BR-3300');
  await phone.getByRole('button', { name: 'Approve' }).tap();
  await phone.getByText('Approved by casey@example.com', { exact: true }).waitFor();
  await phone.locator('.outcome dl').getByText('BR-3300').waitFor();
  await screenshot(phone, 'approval-task-form-approved');
  await assertNoOverflow(phone);
  await phone.context().close();
});

void test("all pending tasks by team: the CSM sees Finance's task, the URL keeps the view and the filter, a reload or a shared link opens the same", async () => {
  const { run } = await refundRequest();
  await pollRun(run, (state) => state.status === 'waiting');
  const [csmTask] = (await call<{ approvals: { id: string; run: string }[] }>('admin', 'GET', '/approvals?status=pending&limit=200')).body.approvals.filter((candidate) => candidate.run === run);
  assert.ok(csmTask);
  await call('casey@example.com', 'POST', `/approvals/${csmTask.id}/decide`, { decision: 'approved' });
  const financeTasks = await pollUntil(
    async () => (await call<{ approvals: { id: string; run: string }[] }>('admin', 'GET', '/approvals?status=pending&team=finance&limit=200')).body.approvals,
    (tasks) => tasks.some((task) => task.run === run),
    { what: 'the request waiting on Finance' },
  );

  const page = await newPage(browser, tollgate.url, 'desktop');
  await logIn(page, 'casey@example.com', PASSWORD);
  await page.goto('/approvals');
  await page.locator('.inbox-summary').waitFor();
  assert.equal(await page.locator('.task-card', { hasText: 'Finance Approval' }).count(), 0, "Casey's own inbox holds no Finance task");
  const views = page.getByRole('navigation', { name: 'Whose tasks' });
  await views.getByRole('link', { name: 'All pending' }).click();
  await page.waitForURL((url) => url.searchParams.get('view') === 'all');
  await page.getByLabel(/^Team/).selectOption({ label: 'Finance Team' });
  await page.waitForURL((url) => url.searchParams.get('view') === 'all' && url.searchParams.get('team') === 'finance');
  const list = page.getByRole('region', { name: 'All pending tasks' });
  await list.locator('.task-card', { hasText: 'Finance Approval' }).first().waitFor();
  const cards = async () => (await list.locator('.task-card').allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
  const shown = await cards();
  assert.equal(shown.length, financeTasks.length, `every pending Finance task, no other: ${JSON.stringify(shown)}`);
  assert.ok(shown.every((text) => text.includes('for Finance Team')), JSON.stringify(shown));
  await screenshot(page, 'approvals-all-pending');
  await assertNoOverflow(page);

  // The same URL, reloaded: the same view, the filter chosen.
  const bookmark = page.url();
  await page.reload();
  await list.locator('.task-card', { hasText: 'Finance Approval' }).first().waitFor();
  assert.equal(await page.getByLabel(/^Team/).inputValue(), 'finance');
  await teamShown(page, 'Finance Team');
  assert.equal(await views.getByRole('link', { name: 'All pending' }).getAttribute('aria-current'), 'page');
  assert.equal(await views.getByRole('link', { name: 'Mine' }).getAttribute('aria-current'), null, 'one view is the current one');
  // Back to "Mine": the filter stays, and Casey has no Finance task.
  await views.getByRole('link', { name: 'Mine' }).click();
  await page.waitForURL((url) => url.searchParams.get('view') === null && url.searchParams.get('team') === 'finance');
  await page.getByText('None of your tasks matches these filters.').waitFor();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.waitForURL((url) => url.searchParams.get('team') === null);
  await page.getByRole('region', { name: 'Open tasks' }).waitFor();
  await page.context().close();

  // Fran opens the link Casey shares, on a phone, and can decide the task from there.
  const phone = await newPage(browser, tollgate.url, 'phone');
  await logIn(phone, 'fran@example.com', PASSWORD);
  await phone.goto(bookmark.replace(tollgate.url, ''));
  const phoneList = phone.getByRole('region', { name: 'All pending tasks' });
  await phoneList.locator('.task-card', { hasText: 'Finance Approval' }).first().waitFor();
  assert.equal(await phone.getByLabel(/^Team/).inputValue(), 'finance');
  await teamShown(phone, 'Finance Team');
  await phoneList.locator('.task-card', { hasText: 'You can decide' }).first().waitFor();
  await screenshot(phone, 'approvals-all-pending');
  await assertNoOverflow(phone);
  // A link naming a team no longer defined keeps it chosen, named as a team as the task cards name one, not by a bare id.
  await phone.goto('/approvals?view=all&team=retired');
  await phone.getByText('No pending task matches these filters.').waitFor();
  await teamShown(phone, 'team retired');
  await phone.context().close();
});

/** Waits until the Team filter shows `title` as its choice (the text a person reads, not the id it sends). */
async function teamShown(page: Page, title: string): Promise<void> {
  await page.getByLabel(/^Team/).locator('option:checked', { hasText: title }).waitFor({ state: 'attached' });
  assert.equal((await page.getByLabel(/^Team/).locator('option:checked').textContent())?.trim(), title);
}

/** The teams with Pat, the payment-ops lead, in both (a limit of 1,000 USD in Finance), and a manual refund whose Finance step states what is at stake. */
const LEAD_TEAMS = `
kind: Team
id: csm
title: CSM Team
members: [{ email: casey@example.com, name: Casey }, { email: pat@example.com, name: Pat }]
---
kind: Team
id: finance
title: Finance Team
members: [{ email: fran@example.com, name: Fran }, { email: pat@example.com, name: Pat, approval_limit: { amount: 1000, currency: usd } }]
---
kind: Workflow
id: staked-refund
title: Staked refund
trigger: { type: manual, input: [{ key: refundAmount, type: number, required: true }] }
steps:
  - { id: csm_review, type: approval, title: CSM review, assignee: { team: csm }, on: { approved: finance_approval, rejected: denied } }
  - { id: finance_approval, type: approval, title: Finance approval, assignee: { team: finance }, amount: "{{ refundAmount }}", currency: usd, on: { approved: refunded, rejected: denied } }
  - { id: refunded, type: end, outcome: Refunded }
  - { id: denied, type: end, outcome: Denied }
`;

/** The run's pending task, once it waits on it. */
async function pendingTaskOf(run: string, title: string): Promise<{ id: string }> {
  const found = await pollUntil(
    async () => (await call<{ approvals: { id: string; run: string; title: string }[] }>('admin', 'GET', '/approvals?status=pending&limit=200')).body.approvals.find((task) => task.run === run && task.title === title),
    (task) => task !== undefined,
    { what: `${title} of ${run} open` },
  );
  assert.ok(found);
  return found;
}

void test("the payment-ops lead's inbox and home keep what she cannot decide apart, saying why in her words; a missing charge is named as such", async () => {
  const applied = await fetch(`${tollgate.url}/api/v1/apply`, { method: 'POST', headers: { ...cookies.admin, 'content-type': 'application/yaml' }, body: LEAD_TEAMS });
  assert.equal(applied.status, 200, await applied.text());
  await approverUser('pat@example.com', ['approver']);

  // Pat approves a refund's CSM review: its Finance task is hers too, but one person decides one step of a run.
  const decided = await refundRequest();
  await call('pat@example.com', 'POST', `/approvals/${(await pendingTaskOf(decided.run, 'CSM Review')).id}/decide`, { decision: 'approved' });
  const separated = await pendingTaskOf(decided.run, 'Finance Approval');
  // Casey approves a 1,500 USD refund whose Finance step is over Pat's limit.
  const staked = await call<{ run: { id: string } }>('admin', 'POST', '/workflows/staked-refund/runs', { input: { refundAmount: 1500 } }, [200, 201, 202]);
  await call('casey@example.com', 'POST', `/approvals/${(await pendingTaskOf(staked.body.run.id, 'CSM review')).id}/decide`, { decision: 'approved' });
  const overLimit = await pendingTaskOf(staked.body.run.id, 'Finance approval');
  // And a request on a charge Stripe does not have waits for Pat's CSM review: hers to decide.
  const missing = await call<{ run: { id: string } }>('rita@example.com', 'POST', `/catalog/offerings/${offering}/requests`, {
    values: { customerEmail: 'pat@example.com', chargeIdToRefund: 'ch_notinstripe', refundAmount: 20, reason: 'Duplicate charge', notes: 'Charged twice.' },
  });
  const hers = await pendingTaskOf(missing.body.run.id, 'CSM Review');
  const missingSummary = 'Refund 2000 (the amount as the workflow gives it) on ch_notinstripe: charge ch_notinstripe could not be found, so its currency is unknown';
  const sodNote = 'You decided “CSM Review” in this run; one person decides one approval step of a run.';
  const limitNote = 'Your approval limit is 1,000 USD; this task is about 1,500 USD.';

  // The API says the same as the pages: which of Pat's tasks she cannot decide, by which rule, in her words.
  const mine = (await call<{ approvals: { id: string; can_decide: boolean; cannot_decide_code: string | null; cannot_decide_note: string | null }[] }>('pat@example.com', 'GET', '/approvals?status=pending&mine=true&limit=200')).body.approvals;
  assert.deepEqual(
    [hers.id, separated.id, overLimit.id].map((id) => mine.find((task) => task.id === id)).map((task) => [task?.can_decide, task?.cannot_decide_code, task?.cannot_decide_note]),
    [
      [true, null, null],
      [false, 'separation_of_duties', sodNote],
      [false, 'approval_authority_exceeded', limitNote],
    ],
  );

  const desk = await newPage(browser, tollgate.url, 'desktop');
  await logIn(desk, 'pat@example.com', PASSWORD);
  const home = desk.getByRole('region', { name: 'My open approvals' });
  await home.getByText(missingSummary).waitFor();
  const homeWaiting = home.getByRole('group', { name: 'Waiting on someone else' });
  assert.deepEqual((await homeWaiting.getByRole('listitem').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()).sort(), [`Finance Approval ${sodNote}`, `Finance approval ${limitNote}`]);
  assert.deepEqual(await home.locator(':scope > ul.home-list').getByRole('link').allInnerTexts(), ['CSM Review'], 'only what Pat can decide is in her list');
  await desk.getByText('Loading charts…').waitFor({ state: 'detached' });
  await screenshot(desk, 'home-approvals-lead');

  await desk.goto('/approvals');
  const open = desk.getByRole('region', { name: 'Open tasks' });
  await open.locator('.inbox-summary p').getByText('1 task').waitFor();
  const waiting = open.getByRole('region', { name: 'Waiting on someone else' });
  const waitingCards = async () => (await waiting.locator('.task-card').allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
  await waiting.locator('.task-card').nth(1).waitFor();
  const cards = await waitingCards();
  assert.equal(cards.length, 2, JSON.stringify(cards));
  assert.ok(cards.some((text) => text.startsWith('Finance Approval') && text.endsWith(sodNote)), JSON.stringify(cards));
  assert.ok(cards.some((text) => text.startsWith('Finance approval') && text.endsWith(limitNote)), JSON.stringify(cards));
  assert.ok(cards.every((text) => !text.includes('pat@example.com') && !text.includes('csm_review')), 'no email, no step id');
  const yours = open.locator(':scope > ul.task-list .task-card');
  assert.equal(await yours.count(), 1);
  assert.match((await yours.innerText()).replace(/\s+/g, ' '), new RegExp(`^CSM Review Customer refund Approving leads to ${missingSummary.replace(/[()]/g, '\\$&')}`));
  await screenshot(desk, 'approvals-inbox-lead');
  await assertNoOverflow(desk);

  // The task page says the same, and decides nothing.
  await waiting.getByRole('link', { name: /Finance Approval/ }).click();
  await desk.getByText(`You cannot decide this. ${sodNote}`).waitFor();
  assert.equal(await desk.getByRole('button', { name: 'Approve' }).isDisabled(), true);
  await screenshot(desk, 'approval-task-lead-refused');
  await desk.context().close();

  const phone = await newPage(browser, tollgate.url, 'phone');
  await logIn(phone, 'pat@example.com', PASSWORD);
  await phone.getByRole('region', { name: 'My open approvals' }).getByRole('group', { name: 'Waiting on someone else' }).getByText(limitNote).waitFor();
  await assertNoOverflow(phone);
  await screenshot(phone, 'home-approvals-lead');
  await phone.goto('/approvals');
  await phone.getByRole('region', { name: 'Waiting on someone else' }).getByText(sodNote).waitFor();
  await assertNoOverflow(phone);
  await screenshot(phone, 'approvals-inbox-lead');
  await phone.context().close();
});
