/** Forged, stale and replayed deliveries to a workflow's webhook trigger: refused, or taken once. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { startApi, type ApiHarness } from '../server/api-harness.ts';

const SECRET = 'whk_security_suite';

const HOOKS = `
kind: Workflow
id: signed-hook
trigger: { type: webhook, secret: "{{ env.SECURITY_HOOK_SECRET }}" }
steps:
  - { id: done, type: end, outcome: Received }
`;

interface WebhookAnswer {
  run_id: string | null;
  reason?: string;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Signed as a sender would, computed here rather than with the code under test. */
function sign(raw: string, options: { secret?: string; timestamp?: number } = {}): string {
  const timestamp = options.timestamp ?? nowSeconds();
  return `t=${timestamp},sha256=${createHmac('sha256', options.secret ?? SECRET).update(`${timestamp}.${raw}`).digest('hex')}`;
}

void describe('workflow webhook deliveries an attacker could send', () => {
  let api: ApiHarness;
  const deliver = (raw: string, signature: string | undefined, headers: Record<string, string> = {}) =>
    api.call<WebhookAnswer & ErrorBody>({
      method: 'POST',
      url: '/webhooks/workflows/signed-hook',
      headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { 'x-tollgate-signature': signature }), ...headers },
      payload: raw,
    });
  const runs = () => api.t.system.store.countRuns({ workflowId: 'signed-hook' });

  before(async () => {
    process.env.SECURITY_HOOK_SECRET = SECRET;
    api = await startApi();
    const applied = await api.postYaml('/api/v1/apply', HOOKS);
    assert.equal(applied.status, 200, applied.text);
  });
  after(async () => {
    delete process.env.SECURITY_HOOK_SECRET;
    await api.close();
  });

  void it('forged: another secret, a changed body, a changed timestamp, the old body-only format, garbage or nothing: 401, no run', async () => {
    const raw = '{"order":"ord_1","amount":100}';
    const good = sign(raw);
    const timestamp = Number(/t=(\d+)/.exec(good)?.[1]);
    const attempts: [string, string, string | undefined][] = [
      ['another secret', raw, sign(raw, { secret: 'attacker' })],
      ['body changed after signing', raw.replace('100', '100000'), good],
      ['timestamp changed after signing', raw, good.replace(`t=${timestamp}`, `t=${timestamp + 1}`)],
      ['body-only signature', raw, `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`],
      ['garbage', raw, 't=1,sha256=zz'],
      ['no header', raw, undefined],
    ];
    for (const [what, body, signature] of attempts) {
      const answer = await deliver(body, signature);
      assert.equal(answer.status, 401, `${what}: ${answer.text}`);
      assert.equal(answer.body.error.code, 'signature_invalid', what);
    }
    assert.equal(await runs(), 0);
  });

  void it('stale or far-future timestamps are refused even with a correct signature; a minute off is taken', async () => {
    const raw = '{"order":"ord_stale"}';
    for (const timestamp of [nowSeconds() - 3600, nowSeconds() + 3600]) {
      const answer = await deliver(raw, sign(raw, { timestamp }));
      assert.equal(answer.status, 401, answer.text);
      assert.equal(answer.body.error.code, 'signature_invalid');
      assert.match(answer.body.error.message, /outside the tolerance of 300 s/);
    }
    assert.equal(await runs(), 0);
    const fresh = await deliver(raw, sign(raw, { timestamp: nowSeconds() - 60 }));
    assert.equal(fresh.status, 202, fresh.text);
    assert.equal(await runs(), 1);
  });

  void it('a replayed delivery answers duplicate with the first run; a burst of the same delivery starts one run', async () => {
    const before = await runs();
    const raw = '{"order":"ord_replayed"}';
    const signature = sign(raw);
    const first = await deliver(raw, signature);
    assert.equal(first.status, 202, first.text);
    const replayed = await deliver(raw, signature);
    assert.equal(replayed.status, 200, replayed.text);
    assert.deepEqual(replayed.body, { run_id: first.body.run_id, reason: 'duplicate' });
    assert.equal(await runs(), before + 1);

    const burstRaw = '{"order":"ord_burst"}';
    const burstSignature = sign(burstRaw);
    const answers = await Promise.all(Array.from({ length: 8 }, () => deliver(burstRaw, burstSignature)));
    assert.equal(answers.filter((answer) => answer.status === 202).length, 1, answers.map((answer) => answer.text).join('\n'));
    for (const answer of answers.filter((one) => one.status !== 202)) {
      assert.ok(answer.status === 200 ? answer.body.reason === 'duplicate' : answer.body.error.code === 'webhook_delivery_in_progress', answer.text);
    }
    assert.equal(await runs(), before + 2);
  });

  void it('a replayed signed delivery is refused by its signature even when each replay carries a new Idempotency-Key (the key is not signed)', async () => {
    const before = await runs();
    const raw = '{"order":"ord_rekeyed"}';
    const signature = sign(raw);
    const first = await deliver(raw, signature, { 'idempotency-key': 'k-1' });
    assert.equal(first.status, 202, first.text);
    for (const key of ['k-2', 'k-3']) {
      const replayed = await deliver(raw, signature, { 'idempotency-key': key });
      assert.deepEqual(replayed.body, { run_id: first.body.run_id, reason: 'duplicate' }, replayed.text);
    }
    assert.equal(await runs(), before + 1);
  });

  void it("taking deliveries leaves the API's Idempotency-Keys of the last 24 hours alone", async () => {
    const keys = api.t.system.store.idempotencyKeys;
    const claim = { scope: 'user:someone', key: 'api-key-1', fingerprint: 'f', method: 'POST', route: '/api/v1/runs/:id/retry', keepForMs: 24 * 60 * 60 * 1000 };
    assert.equal((await keys.claim({ ...claim, now: new Date(Date.now() - 60 * 60 * 1000) })).kind, 'claimed');
    const raw = '{"order":"ord_purge"}';
    assert.equal((await deliver(raw, sign(raw))).status, 202);
    assert.equal((await keys.claim({ ...claim, now: new Date() })).kind, 'existing', 'the hour-old API key is still held');
  });

  void it('the same body signed anew by the sender is a new delivery', async () => {
    const before = await runs();
    const raw = '{"order":"ord_again"}';
    assert.equal((await deliver(raw, sign(raw, { timestamp: nowSeconds() - 5 }))).status, 202);
    assert.equal((await deliver(raw, sign(raw))).status, 202);
    assert.equal(await runs(), before + 2);
  });
});
