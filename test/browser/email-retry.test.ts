// An approval's email that the mail server deferred (451): the outbox shows it
// as still sending, why the last try failed and when the next one comes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { pollUntil } from '../support/poll-until.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtp-receiver.ts';
import { launchBrowser, logIn, newPage, reloadUntilVisible, screenshot, sidewaysOverflow } from './support/browser.ts';
import { startTollgate, type BrowserTollgate } from './support/browser-tollgate.ts';

let receiver: SmtpReceiver;
let tollgate: BrowserTollgate;
let browser: Browser;

const documents = (port: number) => [
  { kind: 'Connector', id: 'mail', type: 'smtp', config: { host: '127.0.0.1', port, secure: false, from: 'Payments <payments@example.com>' } },
  { kind: 'Team', id: 'finance', members: [{ email: 'fran@example.com' }] },
  {
    kind: 'Workflow',
    id: 'sign-off',
    title: 'Sign-off',
    trigger: { type: 'manual' },
    steps: [
      { id: 'sign_off', type: 'approval', title: 'Finance sign-off', assignee: { team: 'finance' }, on: { approved: 'yes', rejected: 'no' } },
      { id: 'yes', type: 'end', outcome: 'Approved' },
      { id: 'no', type: 'end', outcome: 'Denied' },
    ],
  },
];

/** Applies the documents (again: the same ones change nothing) and starts a sign-off run as the logged-in admin; gives its id. */
async function startSignOff(page: Page): Promise<string> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'tollgate_csrf')?.value ?? '';
  const headers = { 'x-tollgate-csrf': csrf };
  const applied = await page.request.post('/api/v1/apply', { data: { documents: documents(receiver.port) }, headers });
  assert.equal(applied.status(), 200, await applied.text());
  const invoked = await page.request.post('/api/v1/workflows/sign-off/runs', { data: {}, headers });
  assert.equal(invoked.status(), 202, await invoked.text());
  return ((await invoked.json()) as { run: { id: string } }).run.id;
}

/** The task the run opened, once it has. */
async function taskOf(page: Page, runId: string): Promise<{ id: string; run: string }> {
  const task = await pollUntil(
    async () => ((await (await page.request.get('/api/v1/approvals?status=pending')).json()) as { approvals: { id: string; run: string }[] }).approvals.find((candidate) => candidate.run === runId),
    (found) => found !== undefined,
    { what: 'the run opened its task' },
  );
  assert.ok(task);
  return task;
}

before(async () => {
  receiver = await startSmtpReceiver();
  [tollgate, browser] = await Promise.all([startTollgate({ examples: false, env: { TOLLGATE_OUTBOUND_ALLOW: 'loopback' } }), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await tollgate?.stop();
  await receiver?.close();
});

void test('outbox: an approval email the mail server deferred says it is still sending, why, and when it is tried next', async () => {
  // Deferred on every try: however slow the machine, the email is still not delivered when the last page is read.
  receiver.refuseNext(1000, 451);
  const page = await newPage(browser, tollgate.url);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  const runId = await startSignOff(page);

  await page.goto(`/events/outbox?run=${runId}`);
  const link = () => page.getByRole('link', { name: 'Approval needed: Finance sign-off' });
  await reloadUntilVisible(page, link);
  await link().click();
  await page.getByRole('heading', { name: 'Approval needed: Finance sign-off', level: 1 }).waitFor();
  await page.getByText('Next try').waitFor();
  // The approval step that sent it by its title, as the run pages name it, not by its id (sign_off).
  await page.locator('dd').getByText('at step “Finance sign-off”').waitFor();
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /sign_off/);
  assert.match(text, /Status\s+Sending\s+Not delivered by SMTP yet/);
  assert.match(text, /Last try\s+.*451/);
  // The retry loop tries again a minute after the first try: a slow machine may have seen a second one fail.
  assert.match(text, /Next try\s+.+\((1 try|2 tries) failed so far; given up a day after it was created\)/);
  assert.equal(receiver.messages.length, 0, 'nothing reached the mail server yet');

  const frameText = (on: typeof page) => on.frameLocator('iframe.email-frame').getByText('A sign-off run is waiting for your decision').waitFor();
  await frameText(page);
  await screenshot(page, 'outbox-message-retry');

  const phone = await newPage(browser, tollgate.url, 'phone');
  await logIn(phone, tollgate.admin.email, tollgate.admin.password);
  await phone.goto(new URL(page.url()).pathname);
  await phone.getByText('Next try').waitFor();
  await frameText(phone);
  assert.equal(await sidewaysOverflow(phone), 0, 'the message page fits a phone');
  // The email's own HTML wraps its long link instead of running past the frame (as it would on a phone's mail app).
  const email = phone.frameLocator('iframe.email-frame').locator('html');
  assert.equal(await email.evaluate((root: { scrollWidth: number; clientWidth: number }) => root.scrollWidth - root.clientWidth), 0, 'the email fits the frame');
  // Chromium paints a frame below the first screen only once it has been scrolled to.
  await phone.locator('iframe.email-frame').scrollIntoViewIfNeeded();
  await screenshot(phone, 'outbox-message-retry');

  // Home says so while it lasts, and leads to the outbox narrowed to what is not delivered.
  await phone.goto('/');
  const panel = phone.getByRole('region', { name: 'Emails not delivered yet' });
  await panel.getByRole('link', { name: 'Approval needed: Finance sign-off' }).waitFor();
  assert.match(await panel.innerText(), /451 mailbox busy[\s\S]*next try in /);
  assert.equal(await sidewaysOverflow(phone), 0, 'Home fits a phone');
  await screenshot(phone, 'home-undelivered');
  await phone.context().close();

  await page.goto('/');
  await page.getByRole('region', { name: 'Emails not delivered yet' }).getByRole('link', { name: 'All of them' }).click();
  await page.waitForURL((url) => url.pathname === '/events/outbox' && url.searchParams.get('status') === 'sending');
  assert.equal(await page.getByRole('radio', { name: 'Not delivered yet' }).isChecked(), true);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Approval needed: Finance sign-off' }) });
  assert.match(await row.innerText(), /Sending[\s\S]*by SMTP; next try in /);
  await screenshot(page, 'outbox-undelivered');
  const statuses = page.getByRole('radiogroup', { name: 'Status' });
  await statuses.getByText('Failed', { exact: true }).click();
  await page.getByText('No email failed').waitFor();
  await statuses.getByText('All', { exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/events/outbox' && !url.searchParams.has('status'));
  await row.waitFor();
  await page.context().close();
});

void test('approval task: the page says its approvers were not emailed yet, why, and leads to the email', async () => {
  // Its own run, deferred on every try: however slow the machine, the email is still not delivered when the page is read.
  receiver.refuseNext(1000, 451);
  const page = await newPage(browser, tollgate.url);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  const runId = await startSignOff(page);
  const task = await taskOf(page, runId);
  await page.goto(`/approvals/${task.id}`);
  const emails = page.getByRole('region', { name: 'Emails to the approvers' });
  await emails.getByText('fran@example.com').waitFor();
  assert.match(await emails.innerText(), /Sending\s+fran@example\.com\s+Not delivered by SMTP yet · next try in .+\s+.*451 mailbox busy.*\s+Open the email/);
  await emails.scrollIntoViewIfNeeded();
  await screenshot(page, 'approval-task-email-undelivered');
  await emails.getByRole('link', { name: 'Open the email' }).click();
  await page.getByRole('heading', { name: 'Approval needed: Finance sign-off', level: 1 }).waitFor();
  receiver.reset();
  await page.context().close();
});

void test('approval task: its reminders are listed after the first notice, each marked as a reminder', async () => {
  receiver.reset();
  const page = await newPage(browser, tollgate.url);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  const runId = await startSignOff(page);
  const task = await taskOf(page, runId);
  await pollUntil(() => Promise.resolve(receiver.messages.length), (count) => count > 0, { what: 'the first notice sent' });
  // Reminders come a quarter of an hour apart at the soonest, which this server's clock will not reach: the API's
  // answer (test/integration/approval-emails.test.ts lists real ones) gets two, as it would after two days.
  await page.route(`**/api/v1/approvals/${task.id}/emails`, async (route) => {
    const answer = (await (await route.fetch()).json()) as { messages: Record<string, unknown>[] };
    const [first] = answer.messages;
    assert.equal(first?.kind, 'opened');
    const reminder = (n: number) => ({ ...first, id: `${String(first?.id)}_r${n}`, kind: 'reminder', reminder: n, subject: `Reminder: ${String(first?.subject)}` });
    await route.fulfill({ json: { messages: [first, reminder(1), reminder(2)] } });
  });
  await page.goto(`/approvals/${task.id}`);
  const emails = page.getByRole('region', { name: 'Emails to the approvers' });
  await emails.getByText('Reminder 2').waitFor();
  assert.match(await emails.innerText(), /First notice\s+Sent\s+fran@example\.com[\s\S]*Reminder 1\s+Sent\s+fran@example\.com[\s\S]*Reminder 2\s+Sent\s+fran@example\.com/);
  await emails.scrollIntoViewIfNeeded();
  await screenshot(page, 'approval-task-reminders');
  await page.context().close();
});
