/**
 * With TOLLGATE_PUBLIC_URL set, the webhook URLs the web app gives to copy are on it, not on the address this
 * browser happens to use (here 127.0.0.1, which no sender outside this machine could reach).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logIn, newPage, screenshot } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const PUBLIC_URL = 'http://tollgate.example.com:8443/ops';
const suite = tollgateInBrowser({ examples: false, env: { TOLLGATE_PUBLIC_URL: PUBLIC_URL } });

void test("a webhook workflow's inbound URL and the Stripe endpoints in Settings are on the server's public URL", async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.tollgate.url });
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  const applied = await page.request.post('/api/v1/apply', {
    headers: { 'content-type': 'application/yaml' },
    data: 'kind: Workflow\nid: partner-orders\ntitle: Partner orders\ntrigger: { type: webhook }\nsteps:\n  - { id: done, type: end, outcome: Received }\n',
  });
  assert.equal(applied.status(), 200, await applied.text());

  await page.goto('/workflows/partner-orders');
  const overview = page.getByRole('region', { name: 'Overview' });
  await overview.getByText(`${PUBLIC_URL}/webhooks/workflows/partner-orders`, { exact: true }).waitFor();
  await overview.getByRole('button', { name: 'Copy the inbound URL' }).click();
  await overview.getByRole('button', { name: 'Copy the inbound URL' }).getByText('Copied').waitFor();
  assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), `${PUBLIC_URL}/webhooks/workflows/partner-orders`);
  await screenshot(page, 'workflow-webhook-public-url');

  await page.goto('/settings/connectors');
  const builtIn = page.getByRole('region', { name: /^Stripe stripe/ });
  await builtIn.getByText('Built in', { exact: true }).waitFor();
  assert.equal((await builtIn.locator('.copy-value code').innerText()).trim(), `${PUBLIC_URL}/webhooks/stripe/stripe`);
  await builtIn.getByRole('button', { name: 'Copy the webhook endpoint URL of stripe' }).click();
  await builtIn.getByRole('button', { name: 'Copy the webhook endpoint URL of stripe' }).getByText('Copied').waitFor();
  assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), `${PUBLIC_URL}/webhooks/stripe/stripe`);
  await screenshot(page, 'settings-connectors-public-url');
  await page.context().close();
});
