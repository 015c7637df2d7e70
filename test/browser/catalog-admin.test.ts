import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { errorUnder, logIn, newPage, screenshot, sidewaysOverflow } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const running = tollgateInBrowser();

/** The titles of a service's offering cards, in the order the portal shows them. */
async function cardTitles(page: Page, service: string): Promise<string[]> {
  const cards = page.getByRole('region', { name: service, exact: true }).locator('.offering-card h3');
  await cards.first().waitFor();
  return (await cards.allInnerTexts()).map((text) => text.trim());
}

void test('an admin makes a service with an offering of the customer-refund workflow, a request goes through it, and changing it shows a refusal at its field', async () => {
  const page = await newPage(running.browser, running.tollgate.url);
  await logIn(page, running.tollgate.admin.email, running.tollgate.admin.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
  await page.getByRole('heading', { name: 'Customer Success', exact: true }).waitFor();

  // A new service: its id follows the title; an offering without a workflow is refused at its Workflow.
  await page.getByRole('button', { name: 'New service' }).click();
  const form = page.getByRole('form', { name: 'New service' });
  await form.getByLabel('Title', { exact: true }).first().fill('Billing operations');
  assert.equal(await form.getByLabel('Id', { exact: true }).first().inputValue(), 'billing-operations');
  await form.getByLabel('Description (optional)').first().fill('Money matters for the billing team');
  await form.getByRole('button', { name: 'Add offering' }).click();
  const first = form.getByRole('group', { name: /^Offering 1/ });
  // Adding an offering puts the cursor in its title.
  await first.getByLabel('Title', { exact: true }).and(page.locator(':focus')).waitFor();
  await first.getByLabel('Title', { exact: true }).fill('Goodwill credit');
  assert.equal(await first.getByLabel('Id', { exact: true }).inputValue(), 'goodwill-credit');
  await first.getByLabel('Description (optional)').fill('Refund part of a charge as goodwill, after a CSM review');
  await form.getByRole('button', { name: 'Create service' }).click();
  assert.equal(await errorUnder(first, 'Workflow'), 'choose a workflow with a form trigger');
  await screenshot(page, 'catalog-admin-new-error');

  const workflows = await first.getByLabel('Workflow', { exact: true }).locator('option').allInnerTexts();
  assert.ok(workflows.includes('Customer refund (customer-refund)'), workflows.join(', '));
  assert.ok(!workflows.some((label) => /fraud/i.test(label)), 'workflows without a form are not offered');
  await first.getByLabel('Workflow', { exact: true }).selectOption('customer-refund');
  await form.getByRole('button', { name: 'Create service' }).click();
  assert.deepEqual(await cardTitles(page, 'Billing operations'), ['Goodwill credit']);
  await page.getByText('Money matters for the billing team').waitFor();
  await screenshot(page, 'catalog-admin-created');

  // The portal's new offering takes a request.
  await page.getByRole('link', { name: 'Goodwill credit', exact: true }).click();
  await page.waitForURL(/\/catalog\/goodwill-credit$/);
  await page.getByLabel('Customer Email').fill('ann@example.com');
  await page.getByLabel('Charge ID to Refund').fill('ch_3PqGoodwillBrowser');
  await page.getByLabel('Refund Amount (USD)').fill('40');
  await page.getByLabel('Reason').selectOption('Goodwill');
  await page.getByLabel('Notes').fill('Late delivery');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await page.waitForURL(/\/requests\/req_/);
  const requestPath = new URL(page.url()).pathname;
  await page.getByRole('heading', { name: 'Goodwill credit', exact: true }).waitFor();
  await page.getByText('CSM Review: waiting for CSM Team').waitFor();

  // Edit: retitle, add a second offering with the first one's id (apply refuses it at that offering's Id), then fix it, pin it and move it first.
  await page.goto('/catalog');
  await page.getByRole('button', { name: 'Edit Billing operations' }).click();
  const edit = page.getByRole('form', { name: 'Change Billing operations' });
  await edit.getByLabel('Title', { exact: true }).first().fill('Billing ops');
  await edit.getByRole('button', { name: 'Add offering' }).click();
  const second = edit.getByRole('group', { name: /^Offering 2/ });
  await second.getByLabel('Title', { exact: true }).fill('Small refund');
  await second.getByLabel('Id', { exact: true }).fill('goodwill-credit');
  await second.getByLabel('Workflow', { exact: true }).selectOption('customer-refund');
  await edit.getByRole('button', { name: 'Save Billing operations' }).click();
  assert.equal(await errorUnder(second, 'Id'), 'offering id "goodwill-credit" is already used by offerings[0] ("Goodwill credit"); give each offering its own id');
  await screenshot(page, 'catalog-admin-edit-error');
  await second.getByLabel('Id', { exact: true }).fill('small-refund');
  await second.getByLabel('Version', { exact: true }).selectOption('1');
  await second.getByRole('button', { name: 'Move up Small refund' }).click();
  // The moved offering keeps the focus, now first.
  await edit.getByRole('group', { name: /^Offering 1: Small refund/ }).getByRole('button', { name: 'Move up Small refund' }).and(page.locator(':focus')).waitFor();
  await edit.getByRole('group', { name: /^Offering 2: Goodwill credit/ }).getByText('Takes requests now (version 1).').waitFor();
  await screenshot(page, 'catalog-admin-edit');
  await edit.getByRole('button', { name: 'Save Billing operations' }).click();
  assert.deepEqual(await cardTitles(page, 'Billing ops'), ['Small refund', 'Goodwill credit']);
  await page.getByRole('button', { name: 'Edit Billing ops' }).and(page.locator(':focus')).waitFor();

  const exported = (await (await page.request.get('/api/v1/export')).json()) as { documents: { kind: string; id: string; title?: string; offerings?: unknown[] }[] };
  assert.deepEqual(exported.documents.find((document) => document.kind === 'Service' && document.id === 'billing-operations'), {
    kind: 'Service',
    id: 'billing-operations',
    title: 'Billing ops',
    description: 'Money matters for the billing team',
    offerings: [
      { id: 'small-refund', title: 'Small refund', workflow: 'customer-refund', version: 1, status: 'published' },
      { id: 'goodwill-credit', title: 'Goodwill credit', description: 'Refund part of a charge as goodwill, after a CSM review', workflow: 'customer-refund', version: 'latest', status: 'published' },
    ],
  });

  // Removing the offering with an open request: it leaves the portal, the request stays open.
  await page.getByRole('button', { name: 'Edit Billing ops' }).click();
  const again = page.getByRole('form', { name: 'Change Billing ops' });
  await again.getByRole('button', { name: 'Remove Goodwill credit' }).click();
  await again.getByRole('button', { name: 'Save Billing ops' }).click();
  await page.getByRole('button', { name: 'Edit Billing ops' }).waitFor();
  assert.deepEqual(await cardTitles(page, 'Billing ops'), ['Small refund']);
  await page.goto(requestPath);
  await page.getByText('CSM Review: waiting for CSM Team').waitFor();
  await page.getByText('The offering “goodwill-credit” is no longer in the catalog. This request goes on to its end all the same.').waitFor();
  const asked = page.locator('section', { has: page.getByRole('heading', { name: 'What you asked' }) });
  assert.match(await asked.innerText(), /Charge ID to Refund\s+ch_3PqGoodwillBrowser/, 'the values keep their labels');
  await screenshot(page, 'catalog-admin-removed-offering-request');

  // A service no offering of which takes requests is shown to editors only, saying why, after the others.
  const empty = await page.request.post('/api/v1/services', { data: { id: 'disputes-desk', title: 'Disputes desk' } });
  assert.equal(empty.status(), 201, await empty.text());
  await page.goto('/catalog');
  const hidden = page.getByRole('region', { name: 'Disputes desk', exact: true });
  await hidden.getByText('Requesters do not see this service: it has no offering yet. Edit adds one.').waitFor();
  await hidden.getByRole('button', { name: 'Edit Disputes desk' }).waitFor();
  await page.context().close();

  // On a phone: the editor reads in one column and nothing sticks out sideways.
  const phone = await newPage(running.browser, running.tollgate.url, 'phone');
  await logIn(phone, running.tollgate.admin.email, running.tollgate.admin.password);
  await phone.goto('/catalog');
  await phone.getByRole('button', { name: 'Edit Billing ops' }).click();
  const phoneEdit = phone.getByRole('form', { name: 'Change Billing ops' });
  await phoneEdit.getByRole('button', { name: 'Add offering' }).click();
  await phoneEdit.getByRole('group', { name: /^Offering 2/ }).getByLabel('Title', { exact: true }).fill('Chargeback review');
  await phoneEdit.getByRole('button', { name: 'Save Billing ops' }).click();
  assert.equal(await errorUnder(phoneEdit.getByRole('group', { name: /^Offering 2/ }), 'Workflow'), 'choose a workflow with a form trigger');
  assert.equal(await sidewaysOverflow(phone), 0);
  await screenshot(phone, 'catalog-admin-edit-error');
  await phoneEdit.getByRole('button', { name: 'Cancel' }).click();
  await phone.getByRole('button', { name: 'New service' }).click();
  await phone.getByRole('form', { name: 'New service' }).getByLabel('Title', { exact: true }).first().fill('Customer Success');
  await phone.getByRole('form', { name: 'New service' }).getByRole('button', { name: 'Create service' }).click();
  assert.match(await errorUnder(phone.getByRole('form', { name: 'New service' }), 'Id'), /^a service "customer-success" exists already/);
  assert.equal(await sidewaysOverflow(phone), 0);
  await screenshot(phone, 'catalog-admin-new-error');
  await phone.getByRole('form', { name: 'New service' }).getByRole('button', { name: 'Cancel' }).click();
  await phone.getByRole('region', { name: 'Billing ops', exact: true }).getByText('Small refund').waitFor();
  assert.equal(await sidewaysOverflow(phone), 0);
  await screenshot(phone, 'catalog-admin-created');
  await phone.context().close();
});
