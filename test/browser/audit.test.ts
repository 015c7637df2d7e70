// The audit page: an admin finds the trail that `tollgate start` and their own
// login wrote, filters it, opens an entry with its before and after, sees the
// export links carry the filters, and verifies the chain.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logIn, newPage, screenshot, sidewaysOverflow } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const suite = tollgateInBrowser();

void test('an admin filters the audit trail, opens an entry, exports and verifies the chain', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);

  await page.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click();
  const table = page.getByRole('table', { name: 'Audit entries' });
  await table.getByText('definition.applied').first().waitFor();
  await table.getByText('login.succeeded').first().waitFor();
  await screenshot(page, 'audit-trail');

  // Only the logins: the admin's own, as a user through a session.
  await page.getByLabel('Action').selectOption('login.succeeded');
  await page.getByRole('button', { name: 'Apply' }).click();
  await table.getByText('login.succeeded').first().waitFor();
  assert.equal(await table.getByText('definition.applied').count(), 0);
  assert.match(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href') ?? '', /action=login\.succeeded.*format=csv|format=csv.*action=login\.succeeded/);

  // An applied workflow: its entry shows the hash chain and what changed.
  await page.getByLabel('Action').selectOption('definition.applied');
  await page.getByLabel('Target id').fill('customer-refund');
  await page.getByRole('button', { name: 'Apply' }).click();
  await table.getByText('workflow customer-refund').first().waitFor();
  await table.getByRole('link').first().click();
  await page.getByRole('heading', { name: /^Audit entry \d+$/ }).waitFor();
  await page.getByText('Previous hash').waitFor();
  await page.getByRole('heading', { name: 'Before → after' }).waitFor();
  await screenshot(page, 'audit-entry');

  await page.goBack();
  await page.getByRole('button', { name: 'Verify' }).click();
  const verified = page.getByRole('status').filter({ hasText: 'chain intact' });
  await verified.waitFor();
  assert.match(await verified.innerText(), /✓ \d+ entries, chain intact, head [0-9a-f]{64}/);
  await screenshot(page, 'audit-verified');
});

void test('on a phone the audit trail and an entry fit the width', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url, 'phone');
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  await page.goto('/audit');
  await page.getByRole('table', { name: 'Audit entries' }).getByText('definition.applied').first().waitFor();
  await screenshot(page, 'audit-trail');
  const overflow = await sidewaysOverflow(page);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
  await page.goto('/audit/1');
  await page.getByText('Previous hash').waitFor();
  await screenshot(page, 'audit-entry');
  const entryOverflow = await sidewaysOverflow(page);
  assert.ok(entryOverflow <= 1, `the entry page scrolls sideways by ${entryOverflow} px`);
});
