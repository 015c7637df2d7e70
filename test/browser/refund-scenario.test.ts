/**
 * The story, end to end in the browser, as the people who would do it: an admin sets up
 * the people, a requester asks for a refund through the portal, the CSM and Finance approve it
 * from their inboxes (Finance on a phone), the requester sees it Refunded with the refund id; a
 * second request is rejected with a reason the requester sees. The charge comes from a sandbox
 * payment fired from the events page, whose personalize-orders mail opens in the outbox.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { holdWorkflowNames, launchBrowser, logIn, newPage, reloadUntilVisible, sawText, screenshot, sidewaysOverflow, watchForText, type ViewportName } from './support/browser.ts';
import { startTollgate, type BrowserTollgate } from './support/browser-tollgate.ts';
import { addTeamMemberInBrowser, createUserInBrowser } from './support/people.ts';

let tollgate: BrowserTollgate;
let browser: Browser;
let admin: Page;
const people = {
  requester: { email: 'rory@example.com', name: 'Rory Requester', password: '' },
  csm: { email: 'carla@example.com', name: 'Carla CSM', password: '' },
  finance: { email: 'finn@example.com', name: 'Finn Finance', password: '' },
};
/** Watches the webhook inbox's table, its run notice and a message's Run line: the customer-refund workflow by its id ever showing. */
const KEPT_BY_ID = watchForText('.data-table, .filter-notice, .kv dd:has(a[href^="/runs/"])', ['customer-refund']);
/** What the story made, for the later steps and the page tour. */
const made = { charge: '', event: '', refundedRequest: '', deniedRequest: '', run: '', approval: '' };

before(async () => {
  [tollgate, browser] = await Promise.all([startTollgate(), launchBrowser()]);
  admin = await newPage(browser, tollgate.url);
  await logIn(admin, tollgate.admin.email, tollgate.admin.password);
});

after(async () => {
  await browser?.close();
  await tollgate?.stop();
});

async function personPage(who: { email: string; password: string }, viewport: ViewportName = 'desktop'): Promise<Page> {
  const page = await newPage(browser, tollgate.url, viewport);
  await logIn(page, who.email, who.password);
  return page;
}

async function submitRefund(page: Page, amount: string, notes: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
  await page.getByRole('link', { name: 'Refund Request', exact: true }).click();
  await page.getByLabel('Customer Email').fill('pat@example.com');
  await page.getByLabel('Charge ID to Refund').fill(made.charge);
  await page.getByLabel('Refund Amount (USD)').fill(amount);
  await page.getByLabel('Reason').selectOption('Duplicate charge');
  await page.getByLabel('Notes').fill(notes);
  await page.getByRole('button', { name: 'Submit request' }).click();
  await page.waitForURL(/\/requests\/[^/]+$/);
  await page.getByText('CSM Review: waiting for CSM Team').waitFor();
  return new URL(page.url()).pathname.split('/').pop()!;
}

async function openTask(page: Page, step: string): Promise<void> {
  await page.goto('/approvals');
  await page.getByRole('link', { name: new RegExp(step) }).first().click();
  await page.waitForURL(/\/approvals\/[^/]+$/);
}

void test('an admin creates a requester, a CSM and a Finance user and puts the approvers in their teams', async () => {
  people.requester.password = await createUserInBrowser(admin, { ...people.requester, role: 'requester' });
  people.csm.password = await createUserInBrowser(admin, { ...people.csm, role: 'approver' });
  people.finance.password = await createUserInBrowser(admin, { ...people.finance, role: 'approver' });
  await addTeamMemberInBrowser(admin, { title: 'CSM Team', email: people.csm.email });
  await addTeamMemberInBrowser(admin, { title: 'Finance Team', email: people.finance.email });
});

void test('a sandbox payment_intent.succeeded of 1,500 USD fired from the events page starts personalize-orders, whose mail opens in the outbox', async () => {
  await admin.goto('/events/send');
  await admin.getByLabel('Event type').selectOption('payment_intent.succeeded');
  await admin.getByLabel('Amount').fill('1500');
  await admin.getByLabel('Currency').selectOption('usd');
  await admin.getByRole('button', { name: 'Send event' }).click();
  await admin.waitForURL(/\/events\/evt_/);
  made.event = new URL(admin.url()).pathname.split('/').pop()!;
  const started = admin.getByRole('region', { name: 'Runs it started' }).getByRole('listitem').filter({ hasText: 'Personalize orders' }).first();
  await started.getByRole('link', { name: /^run_/ }).waitFor();
  await started.getByRole('link', { name: 'emails' }).click();
  const mail = admin.getByRole('link', { name: /Handwritten note for order pi_/ });
  // The mail is written by the run's next step: reload until the outbox has it.
  await reloadUntilVisible(admin, () => mail);
  await mail.first().click();
  await admin.frameLocator('iframe.email-frame').getByText('Please add a handwritten thank-you note before shipping.').waitFor();

  // The customer's charge behind that payment is the one the refund requests name.
  const answer = await admin.request.get(`/api/v1/events/${made.event}`);
  const payload = ((await answer.json()) as { event: { payload: { data: { object: { latest_charge: string } } } } }).event.payload;
  made.charge = payload.data.object.latest_charge;
  assert.match(made.charge, /^ch_/);
});

void test('the requester asks for 1,500 USD back; the CSM and Finance (on a phone) approve; the requester sees Refunded with the refund id', async () => {
  const requester = await personPage(people.requester);
  made.refundedRequest = await submitRefund(requester, '1500', 'Charged twice for one order.');

  const csm = await personPage(people.csm);
  await openTask(csm, 'CSM Review');
  made.approval = new URL(csm.url()).pathname.split('/').pop()!;
  await csm.getByText(`Refund 1,500.00 USD on ${made.charge}`).waitFor();
  await csm.getByText('Charged twice for one order.').waitFor();
  await csm.getByRole('button', { name: 'Approve' }).click();
  await csm.getByText(`Approved by ${people.csm.email}`).first().waitFor();

  const finance = await personPage(people.finance, 'phone');
  await openTask(finance, 'Finance Approval');
  await finance.getByText(`Refund 1,500.00 USD on ${made.charge}`).waitFor();
  await finance.getByRole('button', { name: 'Approve' }).tap();
  await finance.getByText(`Approved by ${people.finance.email}`).first().waitFor();

  await requester.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My requests' }).click();
  await requester.getByRole('row', { name: /Refund Request/ }).first().getByRole('link').first().click();
  await requester.getByText('Refunded').first().waitFor();
  const reference = requester.locator('code.reference').filter({ hasText: /^re_/ });
  await reference.first().waitFor();
  await requester.getByText(people.csm.name).first().waitFor();
  await requester.getByText(people.finance.name).first().waitFor();
  await screenshot(requester, 'scenario-refunded-request');
  for (const page of [requester, csm, finance]) await page.context().close();
});

void test("the request's run shows the path it took: both approvals, the refund, the confirmation", async () => {
  const answer = await admin.request.get(`/api/v1/requests/${made.refundedRequest}`);
  made.run = ((await answer.json()) as { request: { run: string } }).request.run;
  assert.match(made.run, /^run_/);
  await admin.goto(`/runs/${made.run}`);
  const graph = admin.getByRole('img', { name: /Workflow graph/ });
  await graph.locator('.react-flow__node').first().waitFor();
  for (const title of ['CSM Review', 'Finance Approval', 'Process Refund']) {
    await graph.locator('.graph-node.state-succeeded', { hasText: title }).first().waitFor();
  }
  assert.ok((await graph.locator('.graph-edge.taken').count()) >= 4, 'the edges the run followed are marked');
  assert.ok((await graph.locator('.graph-node.state-not_run', { hasText: 'Send Denial Email' }).count()) === 1, 'the denial path is not taken');
  await screenshot(admin, 'scenario-run-path');
});

void test('a second request rejected by the CSM with a comment ends Denied, and the requester sees the reason', async () => {
  const requester = await personPage(people.requester);
  made.deniedRequest = await submitRefund(requester, '600', 'Asked again for the same order.');
  const csm = await personPage(people.csm);
  await openTask(csm, 'CSM Review');
  await csm.getByLabel(/Comment/).fill('Already refunded on the first request.');
  await csm.getByRole('button', { name: 'Reject' }).click();
  await csm.getByText(`Rejected by ${people.csm.email}`).first().waitFor();

  await requester.reload();
  await requester.getByText('Denied').first().waitFor();
  await requester.getByText('Already refunded on the first request.').waitFor();
  // The run took the denial path to its end: the request's last entry reads as a refusal (red), not a success.
  const end = requester.locator('.timeline-entry').last();
  assert.equal((await end.locator('.timeline-title').innerText()).trim(), 'Ended: Denied');
  assert.match((await end.getAttribute('class')) ?? '', /\bbad\b/);
  await screenshot(requester, 'scenario-denied-request');
  for (const page of [requester, csm]) await page.context().close();
});

void test('every page, at 1280 and 390 px wide, for a person to look at', async () => {
  const pages: [string, string][] = [
    ['home', '/'],
    ['approvals', '/approvals'],
    ['approval', `/approvals/${made.approval}`],
    ['catalog', '/catalog'],
    ['offering', '/catalog/refund-request'],
    ['requests', '/requests'],
    ['request', `/requests/${made.refundedRequest}`],
    ['request-denied', `/requests/${made.deniedRequest}`],
    ['runs', '/runs'],
    ['run', `/runs/${made.run}`],
    ['workflows', '/workflows'],
    ['workflow', '/workflows/customer-refund'],
    ['events', '/events'],
    ['event', `/events/${made.event}`],
    ['outbox', '/events/outbox'],
    ['webhook-inbox', '/events/webhooks'],
    ['send-event', '/events/send'],
    ['settings-account', '/settings'],
    ['settings-users', '/settings/users'],
    ['settings-teams', '/settings/teams'],
    ['settings-api-keys', '/settings/api-keys'],
    ['settings-connectors', '/settings/connectors'],
  ];
  const phone = await newPage(browser, tollgate.url, 'phone');
  await logIn(phone, tollgate.admin.email, tollgate.admin.password);
  for (const page of [admin, phone]) {
    for (const [name, path] of pages) {
      await page.goto(path);
      await page.locator('h1').first().waitFor();
      await page.locator('.state.loading').first().waitFor({ state: 'detached' });
      assert.equal(await page.locator('.state.error').count(), 0, `${path} shows no error`);
      const overflow = await sidewaysOverflow(page);
      assert.ok(overflow <= 1, `${path} fits ${page.viewportSize()?.width} px (overflows by ${overflow} px)`);
      await screenshot(page, `page-${name}`);
    }
  }
  // The webhook inbox, narrowed to a run or not, and a message's page name the workflow by the title their answers
  // give from the first render, never by its id; the workflow list is held back meanwhile, so a page that waited for
  // it would show the id for certain.
  const releases = await Promise.all([admin, phone].map((page) => holdWorkflowNames(page)));
  for (const page of [admin, phone]) await page.addInitScript({ content: KEPT_BY_ID });
  // The webhook inbox names the run that kept each message by its workflow's title, not its id.
  await admin.goto('/events/webhooks');
  await admin.locator('.data-table').getByRole('link', { name: 'Customer refund', exact: true }).first().waitFor();
  assert.doesNotMatch(await admin.locator('.data-table').innerText(), /run_\w+/);
  // Narrowed to the refunded request's run, the notice names its workflow too.
  await admin.goto(`/events/webhooks?run=${made.run}`);
  await admin.locator('.data-table').getByRole('link', { name: 'Customer refund', exact: true }).first().waitFor();
  assert.match(await admin.locator('.filter-notice').innerText(), /^Only the messages of the Customer refund run run_\w+\. Show all$/);
  // The confirmation's page names the step that kept it by its title, as the run pages do, not by its id in words.
  for (const page of [admin, phone]) {
    await page.goto(`/events/webhooks?run=${made.run}`);
    await page.locator('.filter-notice', { hasText: 'Customer refund' }).waitFor();
    await screenshot(page, 'webhook-inbox-of-run');
    await page.locator('.data-table').getByRole('link', { name: 'Webhook message', exact: true }).first().click();
    await page.waitForURL(/\/events\/webhooks\/[^/?]+$/);
    const runLine = page.locator('dd').filter({ has: page.getByRole('link', { name: 'Customer refund', exact: true }) });
    await runLine.getByText('at step “Send Confirmation Email”').waitFor();
    assert.doesNotMatch(await runLine.innerText(), /send_confirmation|“Send confirmation”/);
    assert.equal(await sawText(page), null, "neither the webhook inbox nor a message's page named the workflow by its id");
    await screenshot(page, 'webhook-message');
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 1, `the webhook message fits ${page.viewportSize()?.width} px (overflows by ${overflow} px)`);
  }
  for (const release of releases) release();
  await phone.context().close();
});
