// The Money rules page: before any policy it says how to add one; an admin
// applies a `kind: Policy` through the API with their session, and the page
// shows it as a card with its caps in words; the ledger, with no refund yet,
// says what will appear there, and a filter that matches nothing says so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logIn, newPage, screenshot } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const suite = tollgateInBrowser();

const POLICY = {
  kind: 'Policy',
  id: 'refund-caps',
  title: 'Refund caps',
  description: 'What support may refund without asking finance.',
  refunds: { preflight: false, limits: [{ per: 'customer', period: '1d', max: 2000, currency: 'usd' }, { per: 'account', period: '7d', max: 50000, currency: 'usd' }] },
  approvals: { distinct_approvers: true },
};

void test('an admin sees how to add a policy, applies one, and reads it and the empty ledger on Money rules', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);

  await page.getByRole('navigation').getByRole('link', { name: 'Money rules' }).click();
  await page.getByRole('heading', { name: 'Money rules' }).waitFor();
  await page.getByText('No global policy yet').waitFor();
  assert.match(await page.getByLabel('Example Policy document').innerText(), /kind: Policy/);
  await page.getByText('No refund has been reserved yet').waitFor();
  await screenshot(page, 'governance-empty');

  // With the session, as the web app sends changes: the CSRF cookie's value in its header.
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'tollgate_csrf')?.value ?? '';
  const applied = await page.request.post('/api/v1/apply', { data: { documents: [POLICY] }, headers: { 'x-tollgate-csrf': csrf } });
  assert.equal(applied.status(), 200, await applied.text());
  await page.reload();

  const card = page.getByRole('region', { name: 'Refund caps' });
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, /What support may refund without asking finance\./);
  assert.match(text, /At most 2,000\.00 USD per customer per 1 day/);
  assert.match(text, /At most 50,000\.00 USD across the account per 7 days/);
  assert.match(text, /Pre-flight check\s+Off/);
  assert.match(text, /Unknown refund outcome\s+Asked of the team that approved the refund \(default\)/);
  assert.match(text, /Distinct approvers\s+On/);
  assert.match(text, /Author cannot approve\s+On \(default\)/);
  assert.equal(await page.getByText('No global policy yet').count(), 0);
  await screenshot(page, 'governance-policy');

  await page.getByLabel('Status').selectOption('settled');
  await page.getByLabel('Charge').fill('ch_nothing');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('No reservations match').waitFor();
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByText('No refund has been reserved yet').waitFor();

  const phone = await newPage(suite.browser, suite.tollgate.url, 'phone');
  await logIn(phone, suite.tollgate.admin.email, suite.tollgate.admin.password);
  await phone.goto(`${suite.tollgate.url}/governance`);
  await phone.getByRole('region', { name: 'Refund caps' }).waitFor();
  await screenshot(phone, 'governance-phone');
});
