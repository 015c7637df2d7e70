import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { startApi, type ApiHarness } from './api-harness.ts';

const SECRET = 'whk_test_secret';
const SECRET_ENV = 'TOLLGATE_TEST_HOOK_SECRET';

const HOOKS = `
kind: Workflow
id: signed-hook
trigger:
  type: webhook
  secret: "{{ env.${SECRET_ENV} }}"
  when: body.kind = "refund"
steps:
  - id: keep
    type: set
    values: { order: "{{ body.order }}", agent: "{{ headers.\`user-agent\` }}" }
  - { id: done, type: end, outcome: Received }
---
kind: Workflow
id: open-hook
trigger: { type: webhook }
steps:
  - { id: done, type: end, outcome: Received }
---
kind: Workflow
id: not-a-hook
trigger: { type: manual }
steps:
  - { id: done, type: end, outcome: Done }
`;

function sign(raw: string, secret = SECRET, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
}

interface WebhookAnswer {
  run_id: string | null;
  reason?: string;
}

void describe('inbound webhook trigger', () => {
  let api: ApiHarness;
  const deliver = (workflow: string, raw: string, headers: Record<string, string> = {}) =>
    api.call<WebhookAnswer & ErrorBody>({ method: 'POST', url: `/webhooks/workflows/${workflow}`, headers: { 'content-type': 'application/json', 'user-agent': 'shop/1.0', ...headers }, payload: raw });
  const runCount = () => api.t.system.store.countRuns({});

  before(async () => {
    process.env[SECRET_ENV] = SECRET;
    api = await startApi();
    const applied = await api.postYaml('/api/v1/apply', HOOKS);
    assert.equal(applied.status, 200, applied.text);
  });
  after(async () => {
    delete process.env[SECRET_ENV];
    await api.close();
  });

  void it('a body signed over its raw bytes starts a run that sees body and headers', async () => {
    // Spacing that JSON.stringify would not reproduce: the signature must be checked over the raw text.
    const raw = '{ "kind":"refund",   "order": "ord_42" }';
    const answer = await deliver('signed-hook', raw, { 'x-tollgate-signature': sign(raw), authorization: 'Bearer secret-token' });
    assert.equal(answer.status, 202, answer.text);
    assert.match(answer.body.run_id ?? '', /^run_/);
    const run = await api.t.waitForRun(answer.body.run_id ?? '');
    assert.equal(run.status, 'succeeded');
    assert.equal(run.trigger.type, 'webhook');
    assert.deepEqual(run.variables.body, { kind: 'refund', order: 'ord_42' });
    assert.equal(run.variables.order, 'ord_42');
    assert.equal(run.variables.agent, 'shop/1.0');
    const headers = run.variables.headers as Record<string, string>;
    assert.equal(headers['content-type'], 'application/json');
    assert.equal(headers.authorization, undefined, 'credentials are not stored in the run');
    assert.equal(headers['x-tollgate-signature'], undefined);
  });

  void it('a bad or missing signature is 401 signature_invalid and starts nothing', async () => {
    const before = await runCount();
    const raw = '{"kind":"refund","order":"ord_1"}';
    const forged = await deliver('signed-hook', raw, { 'x-tollgate-signature': sign(raw, 'wrong-secret') });
    assert.equal(forged.status, 401);
    assert.equal(forged.body.error.code, 'signature_invalid');
    assert.match(forged.body.error.message, /X-Tollgate-Signature: t=<unix seconds>,sha256=/);
    const tampered = await deliver('signed-hook', raw.replace('ord_1', 'ord_2'), { 'x-tollgate-signature': sign(raw) });
    assert.equal(tampered.status, 401);
    const unsigned = await deliver('signed-hook', raw);
    assert.equal(unsigned.status, 401);
    assert.match(unsigned.body.error.message, /missing/);
    assert.equal(await runCount(), before);
  });

  void it('a false condition answers 200 with run_id null and the reason', async () => {
    const before = await runCount();
    const raw = '{"kind":"chargeback"}';
    const answer = await deliver('signed-hook', raw, { 'x-tollgate-signature': sign(raw) });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.body, { run_id: null, reason: 'condition_false' });
    assert.equal(await runCount(), before);
  });

  void it('without a secret any JSON is taken; an inactive workflow is 409; a workflow without a webhook trigger is refused', async () => {
    const open = await deliver('open-hook', '[1, 2, 3]');
    assert.equal(open.status, 202, open.text);
    assert.deepEqual((await api.t.waitForRun(open.body.run_id ?? '')).variables.body, [1, 2, 3]);
    const empty = await api.call<WebhookAnswer>({ method: 'POST', url: '/webhooks/workflows/open-hook' });
    assert.equal(empty.status, 202, empty.text);

    assert.equal((await api.post('/api/v1/workflows/signed-hook/deactivate')).status, 200);
    const raw = '{"kind":"refund"}';
    const inactive = await deliver('signed-hook', raw, { 'x-tollgate-signature': sign(raw) });
    assert.equal(inactive.status, 409);
    assert.equal(inactive.body.error.code, 'workflow_not_active');
    const inactiveForged = await deliver('signed-hook', raw, { 'x-tollgate-signature': sign(raw, 'nope') });
    assert.equal(inactiveForged.status, 401, 'the signature is checked before anything is revealed');
    assert.equal((await api.post('/api/v1/workflows/signed-hook/activate')).status, 200);

    const manual = await deliver('not-a-hook', '{}');
    assert.equal(manual.status, 409);
    assert.equal(manual.body.error.code, 'trigger_not_webhook');
    const unknown = await deliver('nothing-here', '{}');
    assert.equal(unknown.status, 404);
    const malformed = await deliver('open-hook', '{"kind": ');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, 'request_invalid');
    const yaml = await api.call<ErrorBody>({ method: 'POST', url: '/webhooks/workflows/open-hook', headers: { 'content-type': 'application/yaml' }, payload: 'a: 1' });
    assert.equal(yaml.status, 415);
  });

  void it("a sender's retry with the same Idempotency-Key or webhook-id starts one run, even signed anew; another body with that key is 422; a bad key is 400", async () => {
    const before = await runCount();
    const raw = '{"kind":"refund","order":"ord_retry"}';
    const first = await deliver('signed-hook', raw, { 'x-tollgate-signature': sign(raw), 'idempotency-key': 'order-ord_retry' });
    assert.equal(first.status, 202, first.text);
    // The retry comes a second later, signed again with a new timestamp: a new signature, the same key.
    const retried = await deliver('signed-hook', raw, { 'x-tollgate-signature': sign(raw, SECRET, Math.floor(Date.now() / 1000) + 1), 'idempotency-key': 'order-ord_retry' });
    assert.equal(retried.status, 200, retried.text);
    assert.deepEqual(retried.body, { run_id: first.body.run_id, reason: 'duplicate' });
    const otherBody = '{"kind":"refund","order":"ord_other"}';
    const reused = await deliver('signed-hook', otherBody, { 'x-tollgate-signature': sign(otherBody), 'idempotency-key': 'order-ord_retry' });
    assert.equal(reused.status, 422, reused.text);
    assert.equal(reused.body.error.code, 'idempotency_key_reused');
    assert.equal(reused.body.error.path, 'headers.idempotency-key');

    // Unsigned: only the key tells a retry; Standard Webhooks' webhook-id counts as one.
    const open = await deliver('open-hook', '{"n":1}', { 'webhook-id': 'msg_2Lh9' });
    assert.equal(open.status, 202, open.text);
    const openAgain = await deliver('open-hook', '{"n":1}', { 'webhook-id': 'msg_2Lh9' });
    assert.deepEqual(openAgain.body, { run_id: open.body.run_id, reason: 'duplicate' });
    const sameBodyNewKey = await deliver('open-hook', '{"n":1}', { 'webhook-id': 'msg_2Lh10' });
    assert.equal(sameBodyNewKey.status, 202, 'a new key is a new delivery');
    const blank = await deliver('open-hook', '{"n":2}', { 'idempotency-key': ' ' });
    assert.equal(blank.status, 400);
    assert.equal(blank.body.error.code, 'idempotency_key_invalid');
    assert.equal(await runCount(), before + 3);
  });

  void it('is public in the OpenAPI document and documents the signature header', async () => {
    const document = await api.get<{ paths: Record<string, Record<string, { security?: unknown[]; description?: string; responses: Record<string, unknown> }>> }>('/api/v1/openapi.json');
    const operation = document.body.paths['/webhooks/workflows/{workflowId}']?.post;
    assert.deepEqual(operation?.security, []);
    assert.match(operation?.description ?? '', /X-Tollgate-Signature: t=<unix seconds>,sha256=/i);
    assert.ok(operation?.responses['401']);
  });

  void it('a literal secret is sealed when applied: the database holds only a reference, deliveries signed with it start runs, and applying it again changes nothing', async () => {
    const literal = 'whk_literal_4f9a2c';
    const document = `
kind: Workflow
id: literal-hook
trigger: { type: webhook, secret: ${literal} }
steps:
  - { id: done, type: end, outcome: Received }
`;
    const applied = await api.postYaml('/api/v1/apply', document);
    assert.equal(applied.status, 200, applied.text);
    const db = inspectDatabase(api.t.system.store);
    const stored = JSON.stringify([await db.selectFrom('workflows').selectAll().where('id', '=', 'literal-hook').execute(), await db.selectFrom('workflow_versions').selectAll().where('workflow_id', '=', 'literal-hook').execute()]);
    assert.ok(stored.includes('{{ secret.trigger.secret }}'), 'the definition keeps a reference');
    assert.ok(!stored.includes(literal), 'the definition does not hold the secret');
    const sealed = await db.selectFrom('connector_secrets').selectAll().where('connector_id', '=', 'workflow:literal-hook').execute();
    assert.equal(sealed.length, 1);
    assert.ok(!JSON.stringify(sealed).includes(literal), 'the sealed row does not hold it in clear');

    const raw = '{"order":"ord_7"}';
    const answer = await deliver('literal-hook', raw, { 'x-tollgate-signature': sign(raw, literal) });
    assert.equal(answer.status, 202, answer.text);
    const forged = await deliver('literal-hook', raw, { 'x-tollgate-signature': sign(raw, 'another-secret') });
    assert.equal(forged.status, 401, forged.text);

    const again = await api.postYaml('/api/v1/apply', document);
    assert.equal(again.status, 200, again.text);
    assert.match(again.text, /unchanged/);
  });
});
