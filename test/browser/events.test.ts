import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { errorUnder, hintUnder, holdWorkflowNames, launchBrowser, linesOf, logIn, newPage, reloadUntilVisible, sawText, screenshot, sidewaysOverflow, watchForText, type ViewportName } from './support/browser.ts';
import { startTollgate, type BrowserTollgate } from './support/browser-tollgate.ts';

let tollgate: BrowserTollgate;
let browser: Browser;

/**
 * Watches what events matched from the first render: the workflows listening to payment_intent.succeeded (examples/)
 * are named by the titles the events' answer gives, never by their ids until the workflow names arrive.
 */
const MATCHES_BY_ID = watchForText('.match-list', ['personalize-orders', 'tag-valuable-customers']);

/**
 * Watches the outbox's table, its "Only the messages of the … run" notice and an email's Run line from the first
 * render: the workflows that send the handwritten note are named by the titles the answers give, never by their ids.
 */
const SENDERS_BY_ID = watchForText('.data-table, .filter-notice, .kv dd:has(a[href^="/runs/"])', ['personalize-orders', 'tag-valuable-customers']);

before(async () => {
  [tollgate, browser] = await Promise.all([startTollgate(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await tollgate?.stop();
});

void test('workflows: deactivate and activate one, read a version of its definition as YAML', async () => {
  const page = await newPage(browser, tollgate.url);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  await page.goto('/workflows');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Take action based on fraud warnings' }) });
  await row.getByText('On radar.early_fraud_warning.created').waitFor();
  await row.getByText('Active', { exact: true }).waitFor();
  await screenshot(page, 'workflows');

  await row.getByRole('button', { name: 'Deactivate Take action based on fraud warnings' }).click();
  await row.getByText('Inactive', { exact: true }).waitFor();
  await row.getByRole('button', { name: 'Activate Take action based on fraud warnings' }).click();
  await row.getByText('Active', { exact: true }).waitFor();

  // Archiving asks first; cancelling changes nothing.
  await row.getByRole('button', { name: 'Archive Take action based on fraud warnings' }).click();
  const dialog = page.getByRole('dialog', { name: /Archive Take action based on fraud warnings/ });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await row.getByText('Active', { exact: true }).waitFor();

  await page.getByRole('link', { name: 'Personalize orders' }).click();
  await page.getByRole('heading', { name: 'Personalize orders', level: 1 }).waitFor();
  const yaml = page.getByLabel(/as YAML/);
  await yaml.getByText('event: payment_intent.succeeded').waitFor();
  await page.getByRole('link', { name: /Version 1/ }).click();
  await page.waitForURL((url) => url.searchParams.get('version') === '1');
  await page.getByRole('heading', { name: /Version 1/, level: 2 }).waitFor();
  assert.match(await page.getByLabel('Version 1 of personalize-orders as YAML').innerText(), /uses: email\.send/);
  await screenshot(page, 'workflow-detail');
  await page.context().close();
});

void test('events: a sandbox payment_intent.succeeded of 1,500 USD sent from the form starts personalize-orders, whose email opens in the outbox', async () => {
  const page = await newPage(browser, tollgate.url);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  await page.goto('/events');
  await page.getByRole('link', { name: 'Send test event' }).first().click();
  // The events list has an "Event type" filter too: fill the form only once the page is the form's.
  await page.getByRole('heading', { name: 'Send test event', level: 2 }).waitFor();
  await page.getByLabel('Event type').selectOption('payment_intent.succeeded');
  await page.getByLabel('Amount').fill('1500');
  await page.getByLabel('Currency').selectOption('usd');
  await page.getByText('In major units: 1,500.00 USD').waitFor();
  await screenshot(page, 'send-test-event');
  await page.getByRole('button', { name: 'Send event' }).click();

  await page.waitForURL(/\/events\/evt_/);
  await page.getByRole('heading', { name: 'payment_intent.succeeded', level: 1 }).waitFor();
  await page.getByText('1,500.00 USD').waitFor();
  const runs = page.getByRole('region', { name: 'Runs it started' });
  // The workflow is named by its title, linking to it, not by its id.
  const started = runs.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Personalize orders', exact: true }) }).first();
  const runLink = started.getByRole('link', { name: /^run_/ });
  await runLink.waitFor();
  assert.doesNotMatch(await runs.innerText(), /personalize-orders/);
  assert.match((await runLink.getAttribute('href')) ?? '', /^\/runs\/run_/);
  await screenshot(page, 'event-detail');
  // Opened afresh, the event's page and the events list name each workflow by its title from their first render.
  // The workflow list is held back meanwhile, so a page that waited for it would show the ids for certain.
  const eventUrl = page.url();
  const releaseNames = await holdWorkflowNames(page);
  await page.addInitScript({ content: MATCHES_BY_ID });
  await page.goto(eventUrl);
  await runs.getByRole('link', { name: 'Personalize orders', exact: true }).first().waitFor();
  assert.equal(await sawText(page), null, "the event's page never named a workflow by its id");
  await page.goto('/events');
  await page.getByRole('row').filter({ hasText: 'payment_intent.succeeded' }).first().getByRole('link', { name: 'Personalize orders', exact: true }).waitFor();
  assert.equal(await sawText(page), null, 'the events list never named a workflow by its id');
  releaseNames();
  await page.goto(eventUrl);
  await runLink.waitFor();

  await started.getByRole('link', { name: 'emails' }).click();
  await page.waitForURL(/\/events\/outbox\?run=run_/);
  // Loaded afresh with the workflow list held back, the outbox narrowed to the run, the email's page and the whole
  // outbox name the workflow by the title their answers give, so a page that waited for the list fails for certain.
  const releaseOutboxNames = await holdWorkflowNames(page);
  await page.addInitScript({ content: SENDERS_BY_ID });
  await page.reload();
  await reloadUntilVisible(page, () => page.getByRole('link', { name: /Handwritten note for order pi_/ }));
  assert.match(await page.locator('.filter-notice').innerText(), /^Only the messages of the Personalize orders run run_\w+\. Show all$/);
  await screenshot(page, 'outbox-of-run');
  await page.getByRole('link', { name: /Handwritten note for order pi_/ }).click();
  await page.waitForURL(/\/events\/outbox\/[^/?]+$/);
  const frame = page.locator('iframe.email-frame');
  assert.equal(await frame.getAttribute('sandbox'), '', 'the email HTML runs with every sandbox restriction');
  await page.frameLocator('iframe.email-frame').getByText('Please add a handwritten thank-you note before shipping.').waitFor();
  await page.getByText('pat@example.com').first().waitFor();
  await checkKeptMessage(page);
  await screenshot(page, 'outbox-message');
  await checkOutboxList(page);
  assert.equal(await sawText(page), null, "neither the outbox nor an email's page named the workflow by its id");
  releaseOutboxNames();

  await page.getByRole('link', { name: 'Stripe events' }).click();
  const eventRow = page.getByRole('row').filter({ hasText: 'payment_intent.succeeded' }).first();
  await eventRow.getByRole('link', { name: 'Personalize orders', exact: true }).waitFor();
  assert.doesNotMatch(await eventRow.innerText(), /personalize-orders/);
  await screenshot(page, 'events');
  await page.getByRole('link', { name: 'Webhook inbox' }).click();
  await page.getByRole('heading', { name: 'Events & messages' }).waitFor();
  await page.locator('.state, .data-table').first().waitFor();
  await screenshot(page, 'webhook-inbox');
  await page.context().close();
});

/**
 * The outbox lists personalize-orders' email (no SMTP connector here): its run by the workflow's title,
 * "Kept here" in grey rather than a green "Sent", how to set up SMTP, and when on one line.
 */
async function checkOutboxList(page: Page): Promise<Locator> {
  await page.goto('/events/outbox');
  const table = page.getByRole('table', { name: 'Mail outbox' });
  // Two workflows send this note (personalize-orders and tag-valuable-customers), in either order: the row of one.
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: /Handwritten note for order pi_/ }) }).filter({ has: page.getByRole('link', { name: 'Personalize orders' }) }).first();
  const runLink = row.getByRole('link', { name: 'Personalize orders' });
  await runLink.waitFor();
  assert.match((await runLink.getAttribute('href')) ?? '', /^\/runs\/run_/, 'the workflow title links to the run');
  const kept = row.getByText('Kept here', { exact: true });
  assert.match((await kept.getAttribute('class')) ?? '', /\bmuted\b/, 'a kept email wears a neutral badge');
  assert.equal(await row.getByText(/^sent$/i).count(), 0, 'a kept email is not called sent');
  await row.getByText('not sent: no SMTP connector').waitFor();
  const note = page.getByRole('note').filter({ hasText: 'were not sent' });
  assert.match(await note.innerText(), /Add an SMTP connector in Settings → Connectors/);
  assert.equal(await note.getByRole('link', { name: 'Settings → Connectors' }).getAttribute('href'), '/settings/connectors');
  const created = row.locator('td').last().locator('span[title]');
  assert.match(await created.innerText(), / ago$|now$/);
  assert.equal(await linesOf(created), 1, 'the creation time stays on one line');
  assert.equal(await sidewaysOverflow(page), 0, 'the outbox fits the screen');
  await screenshot(page, 'outbox');
  return row;
}

/** A kept email's page says it was kept, not sent, and how mail goes out; its run by the workflow's title. */
async function checkKeptMessage(page: Page): Promise<void> {
  await page.getByText('Kept here', { exact: true }).waitFor();
  await page.getByText('Kept in the outbox (no SMTP connector)').waitFor();
  assert.match(await page.locator('dd').filter({ hasText: 'Add an SMTP connector' }).innerText(), /Settings → Connectors/);
  await page.locator('dd').getByRole('link', { name: 'Personalize orders' }).waitFor();
  // The step that kept it has no title: named by its id in words, as the run pages name it.
  await page.locator('dd').getByText('at step “Email team”').waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /email_team/);
}

/** How a text is set (weight, size, colour), as computed in the page. */
function textStyle(text: Locator): Promise<string> {
  // Runs in the page; the tests compile without DOM types.
  return text.evaluate((element) => {
    const style = (globalThis as unknown as { getComputedStyle(node: unknown): { fontWeight: string; fontSize: string; color: string } }).getComputedStyle(element);
    return `${style.fontWeight} ${style.fontSize} ${style.color}`;
  });
}

void test('send test event: a customer the sandbox does not hold is refused at the Customer field, its hint and error tied to it', async () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    const page = await newPage(browser, tollgate.url, viewport);
    await logIn(page, tollgate.admin.email, tollgate.admin.password);
    await page.goto('/events/send');
    const customer = page.getByLabel('Customer (optional)', { exact: true });
    assert.equal(await customer.getAttribute('aria-invalid'), 'false');
    assert.equal(await hintUnder(page, 'Customer'), 'A sandbox customer id; leave empty to create a new customer.');
    await customer.fill('cus_nobody');
    await page.getByRole('button', { name: 'Send event' }).click();
    assert.match(await errorUnder(page, 'Customer'), /cus_nobody/);
    assert.equal(new URL(page.url()).pathname, '/events/send', 'nothing was sent');
    // A refusal with issues shows the field's own, not the answer's summary of them all.
    await customer.fill(`cus_${'x'.repeat(100)}`);
    await page.getByRole('button', { name: 'Send event' }).click();
    await page.getByText(/100 characters/).waitFor();
    assert.doesNotMatch(await errorUnder(page, 'Customer'), /problem\(s\)|body\.customer/);
    await customer.fill('cus_nobody');
    await page.getByRole('button', { name: 'Send event' }).click();
    await page.locator('.field-error', { hasText: 'cus_nobody' }).waitFor();
    assert.equal(await sidewaysOverflow(page), 0);
    await screenshot(page, 'send-test-event-customer-refused');
    // It reads as the form's other errors do (the amount's, refused in the page).
    const customerError = await textStyle(page.locator('.field-error', { hasText: 'cus_nobody' }));
    await page.getByLabel('Amount').fill('twelve');
    await page.getByRole('button', { name: 'Send event' }).click();
    assert.deepEqual(customerError, await textStyle(page.locator('.field-error', { hasText: 'Enter an amount in USD' })));
    await page.context().close();
  }
});

/** The DOM as `textPiecesOnMoreThanOneLine` uses it in the page (the tests compile without DOM types). */
interface PageNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<PageNode>;
}
declare const document: { createRange(): { selectNodeContents(node: PageNode): void; getClientRects(): ArrayLike<{ top: number }> } };
/**
 * Run in the page (so it names nothing outside itself): on how many lines the
 * element's text lies, and its text nodes that the layout split over more than one.
 */
function textLines(element: PageNode): { lines: number; split: (string | null)[] } {
  const textNode = 3;
  // No named functions inside: the test runner's compiler would name them with a helper the page lacks.
  const pieces = Array.from(element.childNodes)
    .filter((node) => node.nodeType === textNode)
    .map((node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return { text: node.textContent, tops: new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))) };
    });
  return { lines: new Set(pieces.flatMap((piece) => [...piece.tops])).size, split: pieces.filter((piece) => piece.tops.size > 1).map((piece) => piece.text) };
}

void test('every workflows and events page reads on a phone', async () => {
  const viewport: ViewportName = 'phone';
  const page = await newPage(browser, tollgate.url, viewport);
  // On a phone the main navigation hides behind the menu button: wait for the page instead.
  await page.goto('/login?redirect=%2Fworkflows');
  await page.getByLabel('Email').fill(tollgate.admin.email);
  await page.getByLabel('Password').fill(tollgate.admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === '/workflows');
  await page.goto('/workflows');
  await page.getByRole('link', { name: 'Personalize orders' }).waitFor();
  await screenshot(page, 'workflows');
  await page.goto('/workflows/personalize-orders?version=1');
  await page.getByLabel('Version 1 of personalize-orders as YAML').waitFor();
  await screenshot(page, 'workflow-detail');
  await page.goto('/events/send');
  await page.getByLabel('Event type').waitFor();
  await screenshot(page, 'send-test-event');
  const releaseNames = await holdWorkflowNames(page);
  await page.addInitScript({ content: MATCHES_BY_ID });
  await page.goto('/events');
  const eventLink = page.getByRole('link', { name: 'payment_intent.succeeded' }).first();
  await eventLink.waitFor();
  // A narrow column wraps an event type after its dots and underscores, never inside a word.
  const { lines, split } = await eventLink.evaluate(textLines as unknown as () => { lines: number; split: string[] });
  assert.ok(lines > 1, `the type wraps on a phone (${lines} line), else the next check proves nothing`);
  assert.deepEqual(split, [], 'no piece of the event type is split across lines');
  await screenshot(page, 'events');
  await eventLink.click();
  await page.getByRole('region', { name: 'Runs it started' }).getByRole('link', { name: 'Personalize orders', exact: true }).first().waitFor();
  assert.equal(await sawText(page), null, 'neither the events list nor the event page named a workflow by its id');
  await screenshot(page, 'event-detail');
  // The outbox and an email's page too, the workflow list still held back.
  await page.addInitScript({ content: SENDERS_BY_ID });
  const row = await checkOutboxList(page);
  await row.getByRole('link', { name: /Handwritten note for order pi_/ }).click();
  await page.frameLocator('iframe.email-frame').getByText('Please add a handwritten thank-you note before shipping.').waitFor();
  // The subject's long payment intent id wraps instead of widening the page.
  assert.equal(await sidewaysOverflow(page), 0, 'the message page fits the phone');
  await checkKeptMessage(page);
  assert.equal(await sawText(page), null, "neither the outbox nor an email's page named the workflow by its id");
  releaseNames();
  await screenshot(page, 'outbox-message');
  await page.goto('/events/webhooks');
  await page.locator('.state, .data-table').first().waitFor();
  await screenshot(page, 'webhook-inbox');
  await page.context().close();
});
