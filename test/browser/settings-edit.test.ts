import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { errorUnder, launchBrowser, logIn, newPage, screenshot, sidewaysOverflow } from './support/browser.ts';
import { startTollgate, type BrowserTollgate } from './support/browser-tollgate.ts';

let tollgate: BrowserTollgate;
let browser: Browser;

before(async () => {
  [tollgate, browser] = await Promise.all([startTollgate({ examples: false }), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await tollgate?.stop();
});

/** An active workflow whose refund step names no stripe connector: with two of them, it could not tell which. */
const REFUND_WORKFLOW = `
kind: Workflow
id: refund-on-request
title: Refund on request
trigger: { type: manual, input: [{ key: charge, type: text, required: true }] }
steps:
  - id: refund
    type: action
    uses: stripe.refunds.create
    with: { charge: "{{ charge }}" }
`;

const SMTP_PASSWORD = 'smtp-typed-password-5521';

void test('an admin makes a team and a connector in Settings, sees what is wrong at the field, and changes both', async () => {
  const page = await newPage(browser, tollgate.url);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);

  // A team: its id follows the title.
  await page.goto('/settings/teams');
  await page.getByRole('button', { name: 'New team' }).click();
  const newTeam = page.getByRole('region', { name: 'New team' });
  await newTeam.getByLabel('Title', { exact: true }).fill('Finance approvers');
  assert.equal(await newTeam.getByLabel('Id', { exact: true }).inputValue(), 'finance-approvers');
  await newTeam.getByLabel('Description').fill('Approve refunds over 500 USD');
  await newTeam.getByLabel('Members').fill('fran@example.com\nnot-an-email');
  await newTeam.getByRole('button', { name: 'Create team' }).click();
  assert.equal(await errorUnder(newTeam, 'Members'), 'not-an-email: give an email address, e.g. ops@example.com or admin@localhost');
  await newTeam.getByLabel('Members').fill('fran@example.com');
  await newTeam.getByRole('button', { name: 'Create team' }).click();
  const card = page.getByRole('region', { name: /^Finance approvers finance-approvers/ });
  await card.getByRole('list', { name: 'Members of Finance approvers' }).getByText('fran@example.com', { exact: true }).waitFor();
  await card.getByText('Approve refunds over 500 USD').waitFor();

  // The same id again: refused at the Id field, which can then be changed.
  await page.getByRole('button', { name: 'New team' }).click();
  await newTeam.getByLabel('Title', { exact: true }).fill('Finance approvers');
  await newTeam.getByRole('button', { name: 'Create team' }).click();
  assert.match(await errorUnder(newTeam, 'Id'), /^a team "finance-approvers" exists already/);
  await screenshot(page, 'settings-team-new-error');
  await newTeam.getByRole('button', { name: 'Cancel' }).click();

  await card.getByRole('button', { name: 'Edit Finance approvers' }).click();
  const edit = card.getByRole('form', { name: 'Change Finance approvers' });
  await edit.getByLabel('Title', { exact: true }).fill('');
  await edit.getByRole('button', { name: 'Save Finance approvers' }).click();
  assert.match(await errorUnder(edit, 'Title'), /title/);
  await edit.getByLabel('Title', { exact: true }).fill('Finance (refunds)');
  await edit.getByRole('button', { name: 'Save Finance approvers' }).click();
  await page.getByRole('heading', { name: /^Finance \(refunds\)/ }).waitFor();
  await screenshot(page, 'settings-teams-edited');

  // A connector: the form is built from its type's settings; apply's checks answer at each input.
  const applied = await page.request.post('/api/v1/apply', { headers: { 'content-type': 'application/yaml' }, data: REFUND_WORKFLOW });
  assert.equal(applied.status(), 200, await applied.text());
  await page.goto('/settings/connectors');
  await page.getByRole('button', { name: 'New connector' }).click();
  const newConnector = page.getByRole('region', { name: 'New connector' });
  await newConnector.getByLabel('Type').selectOption('smtp');
  await newConnector.getByLabel('Title').fill('Company mail');
  assert.equal(await newConnector.getByLabel('Id', { exact: true }).inputValue(), 'company-mail');
  await newConnector.getByLabel('Port').fill('five-eight-seven');
  await newConnector.getByRole('button', { name: 'Create connector' }).click();
  assert.match(await errorUnder(newConnector, 'Host'), /needs host/);
  assert.match(await errorUnder(newConnector, 'Port'), /port number from 1 to 65535/);
  await screenshot(page, 'settings-connector-new-error');
  await newConnector.getByLabel('Host').fill('smtp.example.com');
  await newConnector.getByLabel('Port').fill('587');
  await newConnector.getByLabel('Password').fill(SMTP_PASSWORD);
  await newConnector.getByRole('button', { name: 'Create connector' }).click();
  const mail = page.locator('[data-connector="company-mail"]');
  await mail.getByText('smtp.example.com').waitFor();
  assert.ok(!(await page.content()).includes(SMTP_PASSWORD), 'the password is never shown back');

  // A first Stripe account is fine; a second would leave the refund step not knowing which: refused at Type.
  for (const [title, key] of [['Stripe EU', 'sk_test_eu_account_0001'], ['Stripe US', 'sk_test_us_account_0002']] as const) {
    await page.getByRole('button', { name: 'New connector' }).click();
    await newConnector.getByLabel('Type').selectOption('stripe');
    await newConnector.getByLabel('Title').fill(title);
    await newConnector.getByLabel('Secret key').fill(key);
    await newConnector.getByRole('button', { name: 'Create connector' }).click();
    if (title === 'Stripe EU') await page.locator('[data-connector="stripe-eu"]').waitFor();
  }
  assert.match(await errorUnder(newConnector, 'Type'), /the active workflow "refund-on-request" \(version 1\) would break: steps\[0\]\.connector: several stripe connectors exist/);
  await screenshot(page, 'settings-connector-breaks-workflow');
  await newConnector.getByRole('button', { name: 'Cancel' }).click();

  // Changing settings: a secret left empty stays as it is.
  await mail.getByRole('button', { name: 'Edit settings of Company mail' }).click();
  const editMail = mail.getByRole('form', { name: 'Change Company mail' });
  assert.equal(await editMail.getByLabel('Host').inputValue(), 'smtp.example.com');
  assert.equal(await editMail.getByLabel('Password').inputValue(), '', 'a secret is not filled in');
  await editMail.getByLabel('Port').fill('465');
  await editMail.getByLabel('TLS from the start').check();
  await screenshot(page, 'settings-connector-edit');
  await editMail.getByRole('button', { name: 'Save settings' }).click();
  await mail.getByText('465', { exact: true }).waitFor();
  const stored = await page.request.get('/api/v1/export');
  const exported = (await stored.json()) as { documents: { kind: string; id: string; config?: Record<string, unknown> }[] };
  assert.deepEqual(exported.documents.find((document) => document.kind === 'Connector' && document.id === 'company-mail')?.config, {
    host: 'smtp.example.com',
    port: 465,
    password: '{{ secret.password }}',
    secure: true,
  });
  await screenshot(page, 'settings-connectors-edited');
  await page.context().close();

  // On a phone: the forms read in one column and nothing sticks out sideways.
  const phone = await newPage(browser, tollgate.url, 'phone');
  await phone.goto('/login?redirect=%2Fsettings%2Fteams');
  await phone.getByLabel('Email').fill(tollgate.admin.email);
  await phone.getByLabel('Password').fill(tollgate.admin.password);
  await phone.getByRole('button', { name: 'Log in' }).click();
  await phone.getByRole('button', { name: 'New team' }).click();
  await phone.getByRole('region', { name: 'New team' }).getByLabel('Title', { exact: true }).fill('Finance (refunds)');
  await phone.getByRole('region', { name: 'New team' }).getByLabel('Id', { exact: true }).fill('finance-approvers');
  await phone.getByRole('button', { name: 'Create team' }).click();
  await phone.getByText(/exists already/).waitFor();
  assert.equal(await sidewaysOverflow(phone), 0);
  await screenshot(phone, 'settings-team-new-error');
  await phone.goto('/settings/connectors');
  await phone.getByRole('button', { name: 'New connector' }).click();
  await phone.getByRole('region', { name: 'New connector' }).getByLabel('Type').selectOption('smtp');
  await phone.getByRole('region', { name: 'New connector' }).getByLabel('Title').fill('Backup mail');
  await phone.getByRole('button', { name: 'Create connector' }).click();
  await phone.getByText(/needs host/).waitFor();
  assert.equal(await sidewaysOverflow(phone), 0);
  await screenshot(phone, 'settings-connector-new-error');
  await phone.context().close();
});
