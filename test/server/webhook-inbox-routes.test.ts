import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import type { WebhookInboxMessageBody, WebhookInboxMessageDetailBody } from '../../src/server/webhook-inbox-schemas.ts';
import { startApi } from './api-harness.ts';

/** A webhook connector whose URL is not set, so webhook.post keeps each message in the inbox. */
const NOTIFY = `
kind: Connector
id: hooks
type: webhook
config:
  url: "{{ env.TOLLGATE_TEST_UNSET_HOOK_URL }}"
---
kind: Workflow
id: notify
title: Refund notice
trigger: { type: manual }
steps:
  - id: tell_team
    title: Tell the team
    type: action
    uses: webhook.post
    connector: hooks
    with: { body: { type: refund.done } }
  - { id: done, type: end, outcome: Told }
`;

test('a kept webhook message answers the workflow of its run by its id and title, and its version, whose graph titles the step that kept it', async () => {
  const api = await startApi();
  try {
    const applied = await api.postYaml('/api/v1/apply', NOTIFY);
    assert.equal(applied.status, 200, applied.text);
    const invoked = await api.post<{ run: RunBody }>('/api/v1/workflows/notify/runs');
    assert.equal(invoked.status, 202);
    assert.equal((await api.t.waitForRun(invoked.body.run.id)).status, 'succeeded');

    const listed = await api.get<{ messages: WebhookInboxMessageBody[] }>(`/api/v1/webhook-inbox?run=${invoked.body.run.id}`);
    assert.equal(listed.status, 200);
    const [kept] = listed.body.messages;
    assert.deepEqual([kept?.workflow, kept?.workflow_title, kept?.step_path], ['notify', 'Refund notice', 'tell_team']);
    const one = await api.get<{ message: WebhookInboxMessageDetailBody }>(`/api/v1/webhook-inbox/${kept?.id}`);
    assert.equal(one.status, 200);
    assert.deepEqual([one.body.message.workflow, one.body.message.workflow_title, one.body.message.workflow_version, one.body.message.step_path], ['notify', 'Refund notice', 1, 'tell_team']);
    const graph = await api.get<{ nodes: { step: string; title: string | null }[] }>(`/api/v1/workflows/notify/versions/${one.body.message.workflow_version}/graph`);
    assert.equal(graph.body.nodes.find((node) => node.step === 'tell_team')?.title, 'Tell the team', "that version's graph titles the step");
    const missing = await api.get<ErrorBody>('/api/v1/webhook-inbox/hook_nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'message_not_found');
  } finally {
    await api.close();
  }
});
