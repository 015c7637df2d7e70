import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EmailPreviewBody, OutboxListItemBody, OutboxMessageBody, OutboxMessageSummaryBody } from '../../src/server/outbox-schemas.ts';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import { startApi } from './api-harness.ts';

const NOTIFY = `
kind: Team
id: finance
members: [{ email: fran@example.com, name: Fran }, { email: fred@example.com }]
---
kind: Workflow
id: notify
title: Refund notice
trigger:
  type: manual
  input:
    - { key: amount, type: number, required: true }
steps:
  - id: mail
    type: action
    uses: email.send
    with:
      to: [{ team: finance }, ops@example.com]
      subject: "Refund of {{ $money(amount, 'usd') }}"
      body: "A refund went out.\\n\\nCheck <it>."
      fields:
        - { label: Amount, value: "{{ amount }}" }
  - { id: done, type: end, outcome: Sent }
`;

test('the outbox lists recorded emails newest first and shows one with its bodies', async () => {
  const api = await startApi();
  try {
    assert.equal((await api.postYaml('/api/v1/apply', NOTIFY)).status, 200);
    const runs: string[] = [];
    for (const amount of [1250, 300]) {
      const invoked = await api.post<{ run: RunBody }>('/api/v1/workflows/notify/runs', { input: { amount } });
      assert.equal(invoked.status, 202);
      runs.push(invoked.body.run.id);
      assert.equal((await api.t.waitForRun(invoked.body.run.id)).status, 'succeeded');
    }
    const listed = await api.get<{ messages: OutboxListItemBody[]; next_cursor: string | null }>('/api/v1/outbox');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.messages.map((message) => message.run), [runs[1], runs[0]]);
    assert.deepEqual(listed.body.messages.map((message) => message.workflow), ['notify', 'notify'], 'each names the workflow of its run');
    assert.deepEqual(listed.body.messages.map((message) => message.workflow_title), ['Refund notice', 'Refund notice'], 'by its title too, so the page waits for no workflow names');
    const [latest] = listed.body.messages;
    assert.equal(latest?.subject, 'Refund of $3.00');
    assert.deepEqual(latest?.to, ['"Fran" <fran@example.com>', 'fred@example.com', 'ops@example.com']);
    assert.equal(latest?.transport, 'outbox');
    assert.equal(latest?.status, 'sent');
    assert.equal('html' in (latest ?? {}), false, 'the list leaves bodies out');

    const ofRun = await api.get<{ messages: OutboxMessageSummaryBody[] }>(`/api/v1/outbox?run=${runs[0]}`);
    assert.deepEqual(ofRun.body.messages.map((message) => message.subject), ['Refund of $12.50']);
    const sentOnes = await api.get<{ messages: OutboxMessageSummaryBody[] }>('/api/v1/outbox?status=sent');
    assert.equal(sentOnes.body.messages.length, 2);
    assert.deepEqual((await api.get<{ messages: OutboxMessageSummaryBody[] }>('/api/v1/outbox?status=sending')).body.messages, [], 'none waits to be delivered');
    assert.equal((await api.get<ErrorBody>('/api/v1/outbox?status=lost')).status, 400);
    const paged = await api.get<{ messages: OutboxMessageSummaryBody[]; next_cursor: string | null }>('/api/v1/outbox?limit=1');
    assert.equal(paged.body.next_cursor, latest?.id);

    const one = await api.get<{ message: OutboxMessageBody }>(`/api/v1/outbox/${latest?.id}`);
    assert.equal(one.status, 200);
    assert.deepEqual([one.body.message.workflow, one.body.message.workflow_title], ['notify', 'Refund notice']);
    assert.equal(one.body.message.workflow_version, 1, 'with the version of its run, whose graph titles its step');
    assert.equal(one.body.message.step_path, 'mail');
    assert.match(one.body.message.text, /Check <it>\.\n\nAmount: 300/);
    assert.match(one.body.message.html, /Check &lt;it&gt;\./);
    const missing = await api.get<ErrorBody>('/api/v1/outbox/mail_nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'message_not_found');
  } finally {
    await api.close();
  }
});

test("the email preview renders an email.send step's with against sample variables and sends nothing", async () => {
  const api = await startApi();
  try {
    assert.equal((await api.postYaml('/api/v1/apply', NOTIFY)).status, 200);
    const preview = await api.post<EmailPreviewBody & ErrorBody>('/api/v1/workflows/notify/steps/mail/preview', { sample: { amount: 1999 } });
    assert.equal(preview.status, 200, preview.text);
    assert.deepEqual(preview.body.to, ['"Fran" <fran@example.com>', 'fred@example.com', 'ops@example.com']);
    assert.equal(preview.body.subject, 'Refund of $19.99');
    assert.equal(preview.body.text, 'A refund went out.\n\nCheck <it>.\n\nAmount: 1999\n');
    assert.match(preview.body.html, /<th[^>]*>Amount<\/th><td[^>]*>1999<\/td>/);
    assert.equal(preview.body.reply_to, null);
    const outbox = await api.get<{ messages: unknown[] }>('/api/v1/outbox');
    assert.equal(outbox.body.messages.length, 0, 'nothing was recorded or sent');

    const missingValue = await api.post<ErrorBody>('/api/v1/workflows/notify/steps/mail/preview', { sample: {} });
    assert.equal(missingValue.status, 400);
    assert.match(missingValue.body.error.message, /amount/);
    const notEmail = await api.post<ErrorBody>('/api/v1/workflows/notify/steps/done/preview', { sample: {} });
    assert.equal(notEmail.status, 400);
    assert.equal(notEmail.body.error.code, 'step_not_email');
    const typo = await api.post<ErrorBody>('/api/v1/workflows/notify/steps/mial/preview', { sample: {} });
    assert.equal(typo.status, 404);
    assert.equal(typo.body.error.code, 'step_not_found');
    assert.match(typo.body.error.message, /did you mean "mail"/);
  } finally {
    await api.close();
  }
});
