import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pollUntil } from '../support/poll-until.ts';
import { logIn, newPage, screenshot, sidewaysOverflow, type ViewportName } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const suite = tollgateInBrowser();

void test('the templates gallery makes an editable draft, and refuses an id already in use before overwriting it', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  await page.goto('/workflows');
  await page.getByRole('link', { name: 'Start from a template' }).click();
  await page.getByRole('heading', { name: 'Templates', level: 1 }).waitFor();
  const card = page.getByRole('region', { name: 'Take action based on fraud warnings' });
  await card.getByText('Starts on a Stripe event').waitFor();
  const id = card.getByLabel('New workflow id');
  // The example is loaded already under the template's id: the page offers a free one.
  await pollUntil(() => id.inputValue(), (value) => value === 'fraud-warning-refund-2', { what: 'a free workflow id offered', intervalMs: 100 });
  await id.fill('fraud-warning-refund');
  await card.getByText('A workflow "fraud-warning-refund" exists already: pick another id.').waitFor();
  assert.equal(await card.getByRole('button', { name: 'Use this template' }).isDisabled(), true);
  await id.fill('my fraud flow');
  await card.getByText(/Use letters, digits/).waitFor();
  await id.fill('my-fraud-flow');
  await screenshot(page, 'templates');

  await card.getByRole('button', { name: 'Use this template' }).click();
  // The draft opens in the builder, ready to change: its steps on the canvas, its YAML editable.
  await page.waitForURL(/\/workflows\/my-fraud-flow\/edit$/);
  await page.getByRole('heading', { name: 'Take action based on fraud warnings', level: 1 }).waitFor();
  await page.getByText('Never published').waitFor();
  await page.locator('.react-flow__node[data-id="refund"]').waitFor();
  await page.locator('.react-flow__node[data-id="$trigger"]').getByText('radar.early_fraud_warning.created').waitFor();
  await page.getByRole('button', { name: 'Fit View' }).click();
  await screenshot(page, 'templates-draft-in-builder');
  await page.locator('.react-flow__node[data-id="refund"]').click();
  await page.getByRole('region', { name: 'Step refund' }).getByLabel('Title', { exact: true }).fill('Refund the small charge');
  await page.getByText(/^Saved · \d+ s ago$/).waitFor();
  const saved = (await (await page.request.get('/api/v1/workflows/my-fraud-flow')).json()) as { workflow: { draft: { steps: { id: string; title?: string }[] } } };
  assert.equal(saved.workflow.draft.steps.find((step) => step.id === 'refund')?.title, 'Refund the small charge');
  await page.goto('/workflows');
  const row = page.getByRole('row').filter({ hasText: 'my-fraud-flow' });
  await row.getByText('Draft only').waitFor();
  await page.context().close();
});

for (const viewport of ['phone'] as ViewportName[]) {
  void test(`the templates gallery reads on a ${viewport}`, async () => {
    const page = await newPage(suite.browser, suite.tollgate.url, viewport);
    await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
    await page.goto('/templates');
    await page.getByRole('region', { name: 'Take action based on fraud warnings' }).waitFor();
    const overflow = await sidewaysOverflow(page);
    assert.equal(overflow, 0, 'nothing sticks out sideways');
    await screenshot(page, 'templates');
    await page.context().close();
  });
}
