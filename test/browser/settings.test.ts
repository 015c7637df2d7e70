import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, logIn, newPage, screenshot, sidewaysOverflow } from './support/browser.ts';
import { startTollgate, type BrowserTollgate } from './support/browser-tollgate.ts';
import { addTeamMemberInBrowser, createUserInBrowser } from './support/people.ts';

let tollgate: BrowserTollgate;
let browser: Browser;

before(async () => {
  [tollgate, browser] = await Promise.all([startTollgate(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await tollgate?.stop();
});

const SECTIONS = [
  ['/settings', 'settings-account'],
  ['/settings/users', 'settings-users'],
  ['/settings/teams', 'settings-teams'],
  ['/settings/api-keys', 'settings-api-keys'],
  ['/settings/connectors', 'settings-connectors'],
] as const;

/**
 * Each team says what it approves (the examples' refunds route to csm and finance; payments-ops only gets
 * emails), and its Edit button stays on one line beside its title, at any width.
 */
async function checkTeams(page: Page): Promise<void> {
  await page.goto('/settings/teams');
  const finance = page.locator('[data-team="finance"]');
  const approves = finance.getByRole('list', { name: 'Approves' });
  const refund = approves.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Customer refund', exact: true }) });
  assert.equal((await refund.innerText()).trim(), 'Customer refund: Finance Approval');
  assert.equal(await refund.getByRole('link').getAttribute('href'), '/workflows/customer-refund');
  await page.locator('[data-team="payments-ops"]').getByText('Approves nothing yet: no approval step of an active workflow names this team.').waitFor();
  // A one-line button is as tall as New team.
  const oneLine = (await page.getByRole('button', { name: 'New team' }).boundingBox())?.height ?? 0;
  for (const team of ['payments-ops', 'csm-managers', 'finance']) {
    const card = page.locator(`[data-team="${team}"]`);
    const [title, button] = await Promise.all([card.getByRole('heading', { level: 2 }).boundingBox(), card.getByRole('button', { name: /^Edit / }).boundingBox()]);
    assert.ok(title !== null && button !== null && button.y < title.y + title.height && button.x > title.x, `${team}: Edit stands beside the title`);
    assert.ok(Math.abs(button.height - oneLine) < 1, `${team}: Edit is on one line (${button.height} px high, one line is ${oneLine} px)`);
  }
}

async function screenshotSections(page: Page): Promise<void> {
  for (const [path, name] of SECTIONS) {
    await page.goto(path);
    await page.getByRole('navigation', { name: 'Settings sections' }).waitFor();
    await page.locator('.state.loading').waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await screenshot(page, name);
  }
}

void test('an admin creates a requester, a CSM and a Finance approver, puts them in their teams, makes an API key and sets a connector secret', async () => {
  const page = await newPage(browser, tollgate.url);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);

  const requester = await createUserInBrowser(page, { email: 'Riley@example.com', name: 'Riley Requester', role: 'requester' });
  const csm = await createUserInBrowser(page, { email: 'cam@example.com', name: 'Cam CSM', role: 'approver' });
  const finance = await createUserInBrowser(page, { email: 'fin@example.com', name: 'Fin Finance', role: 'approver' });
  assert.match(requester, /^[A-Za-z0-9]{20}$/);
  assert.notEqual(csm, finance);
  const users = page.getByRole('table', { name: 'Users' });
  for (const email of ['riley@example.com', 'cam@example.com', 'fin@example.com']) await users.getByRole('button', { name: `Change ${email}` }).waitFor();
  assert.ok(!(await page.content()).includes(finance), 'the first password is gone once hidden');

  await addTeamMemberInBrowser(page, { title: 'CSM Team', email: 'cam@example.com' });
  await addTeamMemberInBrowser(page, { title: 'Finance Team', email: 'fin@example.com' });
  await page.reload();
  await page.getByRole('list', { name: 'Members of Finance Team' }).getByText('fin@example.com', { exact: true }).waitFor();
  // The users list names each one's roles and teams as people read them: "Approver", "Finance Team", not "approver", "finance".
  await page.goto('/settings/users');
  const fin = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'fin@example.com' });
  await fin.getByText('Finance Team', { exact: true }).waitFor();
  await fin.getByText('Approver', { exact: true }).waitFor();

  // An API key: its secret shown once, then only its masked form.
  await page.goto('/settings/api-keys');
  const form = page.getByRole('region', { name: 'Create an API key' });
  await form.getByLabel('Name').fill('browser test key');
  await form.getByRole('button', { name: 'Create key' }).click();
  const secret = (await form.getByTestId('one-time-secret').innerText()).trim();
  assert.match(secret, /^tg_[0-9a-f]{16}_\S+$/);
  await form.getByText('It will not be shown again').waitFor();
  await screenshot(page, 'settings-api-key-created');
  await page.reload();
  await page.getByRole('table', { name: 'API keys' }).getByRole('button', { name: 'Revoke browser test key' }).waitFor();
  assert.ok(!(await page.content()).includes(secret), 'the secret is not shown after a reload');

  // A connector secret: write-only, shown only as set.
  const value = 'whsec_browser_settings_value_42';
  await page.goto('/settings/connectors');
  const variable = page.locator('[data-connector="notifications"] [data-variable="NOTIFY_WEBHOOK_SECRET"]');
  assert.equal((await variable.getByTestId('variable-status').textContent())?.trim(), 'Not set');
  await variable.getByRole('button', { name: 'Set NOTIFY_WEBHOOK_SECRET' }).click();
  await variable.getByLabel('New value for NOTIFY_WEBHOOK_SECRET').fill(value);
  await variable.getByRole('button', { name: 'Save' }).click();
  await variable.getByRole('button', { name: 'Replace NOTIFY_WEBHOOK_SECRET' }).waitFor();
  assert.equal((await variable.getByTestId('variable-status').textContent())?.trim(), 'Set');
  await page.reload();
  await variable.getByText('Set', { exact: true }).waitFor();
  assert.ok(!(await page.content()).includes(value), 'the value is never shown');

  await checkTeams(page);
  await screenshotSections(page);
  await page.context().close();

  const phone = await newPage(browser, tollgate.url, 'phone');
  // logIn() waits for the Main navigation by role, which a phone hides behind the menu button.
  await phone.goto('/login?redirect=%2Fsettings');
  await phone.getByLabel('Email').fill(tollgate.admin.email);
  await phone.getByLabel('Password').fill(tollgate.admin.password);
  await phone.getByRole('button', { name: 'Log in' }).click();
  await phone.getByRole('navigation', { name: 'Settings sections' }).waitFor();
  await checkTeams(phone);
  await screenshotSections(phone);
  await phone.context().close();

  // The new requester logs in with the first password and sees only their own account.
  const own = await newPage(browser, tollgate.url);
  await logIn(own, 'riley@example.com', requester);
  await own.goto('/settings');
  const tabs = own.getByRole('navigation', { name: 'Settings sections' });
  await tabs.getByRole('link', { name: 'My account' }).waitFor();
  assert.equal(await tabs.getByRole('link', { name: 'Users & roles' }).count(), 0);
  await own.getByText('riley@example.com').first().waitFor();
  await screenshot(own, 'settings-account-requester');
  await own.goto('/settings/users');
  await own.getByText('Only admins manage users.').waitFor();
  await own.context().close();

  // A team member's account names their team by its title, not by its id.
  const member = await newPage(browser, tollgate.url);
  await logIn(member, 'fin@example.com', finance);
  await member.goto('/settings');
  const account = member.getByRole('region', { name: 'My account' });
  await account.getByText('Finance Team', { exact: true }).waitFor();
  assert.doesNotMatch(await account.innerText(), /\bfinance\b/);
  await screenshot(member, 'settings-account-member');
  await member.context().close();
});

void test('an API key is revoked only after confirming', async () => {
  const page = await newPage(browser, tollgate.url);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  await page.goto('/settings/api-keys');
  const form = page.getByRole('region', { name: 'Create an API key' });
  await form.getByLabel('Name').fill('to revoke');
  await form.getByRole('button', { name: 'Create key' }).click();
  await form.getByTestId('one-time-secret').waitFor();
  const row = page.getByRole('row').filter({ hasText: 'to revoke' });
  await row.getByRole('button', { name: 'Revoke to revoke' }).click();
  await row.getByRole('button', { name: 'Keep it' }).click();
  await row.getByRole('button', { name: 'Revoke to revoke' }).click();
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await row.getByText('Revoked', { exact: true }).waitFor();
  await page.context().close();
});

void test('a user locked out by failed logins shows as locked, and an admin unlocks them', async () => {
  const page = await newPage(browser, tollgate.url);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  const password = await createUserInBrowser(page, { email: 'lou@example.com', name: 'Lou Locked', role: 'approver' });
  const login = (secret: string) =>
    fetch(`${tollgate.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lou@example.com', password: secret }) });
  for (let attempt = 0; attempt < 5; attempt += 1) assert.equal((await login('not the password')).status, 401);
  assert.equal((await login(password)).status, 429, 'locked: even the right password is refused');

  await page.goto('/settings/users');
  const row = page.getByRole('row').filter({ hasText: 'lou@example.com' });
  await row.getByText('Locked', { exact: true }).waitFor();
  await row.getByText(/^for 1[45] minutes$/).waitFor();
  const others = page.getByRole('row').filter({ hasText: 'riley@example.com' });
  assert.equal(await others.getByRole('button', { name: /^Unlock/ }).count(), 0, 'only a locked user has Unlock');
  await screenshot(page, 'settings-users-locked');
  await row.getByRole('button', { name: 'Unlock lou@example.com' }).click();
  await page.getByRole('status').filter({ hasText: 'lou@example.com can log in again' }).waitFor();
  await row.getByText('Active', { exact: true }).waitFor();
  assert.equal(await row.getByRole('button', { name: /^Unlock/ }).count(), 0);
  assert.equal((await login(password)).status, 200, 'the user logs in again');
  await page.context().close();

  for (let attempt = 0; attempt < 5; attempt += 1) assert.equal((await login('not the password')).status, 401);
  const phone = await newPage(browser, tollgate.url, 'phone');
  await logIn(phone, tollgate.admin.email, tollgate.admin.password);
  await phone.goto('/settings/users');
  await phone.getByRole('button', { name: 'Unlock lou@example.com' }).waitFor();
  await screenshot(phone, 'settings-users-locked');
  await phone.context().close();
});

void test("Settings → Connectors shows where Stripe delivers each stripe connector's events, to copy into Stripe's dashboard", async () => {
  const page = await newPage(browser, tollgate.url);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: tollgate.url });
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  const applied = await page.request.post('/api/v1/apply', {
    headers: { 'content-type': 'application/yaml' },
    data: 'kind: Connector\nid: eu-account\ntype: stripe\ntitle: EU account\nconfig: { secret_key: "{{ env.EU_STRIPE_KEY }}", webhook_secrets: ["{{ env.EU_WEBHOOK_SECRET }}"] }\n',
  });
  assert.equal(applied.status(), 200, await applied.text());

  await page.goto('/settings/connectors');
  // The built-in connector (here the sandbox's) is where the sandbox already delivers: the same URL.
  const builtIn = page.getByRole('region', { name: /^Stripe stripe/ });
  await builtIn.getByText('Built in', { exact: true }).waitFor();
  // Each connector's type is named by its title, not by its id (stripe, webhook).
  await builtIn.getByText('Stripe account', { exact: true }).waitFor();
  await page.locator('[data-connector="notifications"]').getByText('Webhook receiver', { exact: true }).waitFor();
  await builtIn.getByText(/^The built-in sandbox delivers its events here already. Against Stripe itself/).waitFor();
  assert.equal((await builtIn.locator('.copy-value code').innerText()).trim(), `${tollgate.url}/webhooks/stripe/stripe`);
  await builtIn.getByRole('button', { name: 'Copy the webhook endpoint URL of stripe' }).click();
  await builtIn.getByRole('button', { name: 'Copy the webhook endpoint URL of stripe' }).getByText('Copied').waitFor();
  assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), `${tollgate.url}/webhooks/stripe/stripe`, 'the URL is on the clipboard');

  const applied2 = page.locator('[data-connector="eu-account"]');
  assert.equal((await applied2.locator('[data-stripe-webhook="eu-account"] code').innerText()).trim(), `${tollgate.url}/webhooks/stripe/eu-account`);
  await applied2.getByText('In Stripe’s dashboard, under Developers → Webhooks, add an endpoint with this URL, then put its signing secret (whsec_…) in the connector’s webhook_secrets.').waitFor();
  assert.equal(await page.locator('[data-connector="notifications"] [data-stripe-webhook]').count(), 0, 'a webhook connector has no Stripe endpoint');
  await screenshot(page, 'settings-connectors-stripe');
  await page.context().close();

  const phone = await newPage(browser, tollgate.url, 'phone');
  await logIn(phone, tollgate.admin.email, tollgate.admin.password);
  await phone.goto('/settings/connectors');
  await phone.locator('[data-stripe-webhook="eu-account"] code').waitFor();
  assert.equal(await sidewaysOverflow(phone), 0, 'the URLs wrap on a phone');
  await screenshot(phone, 'settings-connectors-stripe');
  await phone.context().close();
});
