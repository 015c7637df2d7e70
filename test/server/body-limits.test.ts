import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import type { IntakeResult } from '../../src/triggers/stripe-event-intake.ts';
import { startApi, TRIAGE_YAML, type ApiHarness } from './api-harness.ts';

const LISTENERS = `
kind: Workflow
id: open-hook
trigger: { type: webhook }
steps:
  - { id: done, type: end, outcome: Received }
---
kind: Workflow
id: every-refund
trigger: { type: event, event: charge.refunded }
steps:
  - { id: done, type: end, outcome: Seen }
`;

const deep = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

function refundEvent(id: string, object: unknown = { id: `ch_${id}`, object: 'charge', amount_refunded: 100 }) {
  return { id, type: 'charge.refunded', livemode: false, created: 1_700_000_000, data: { object } };
}

void describe('request bodies past the limits', () => {
  let api: ApiHarness;
  const postJson = (url: string, raw: string, headers: Record<string, string> = {}) =>
    api.call<ErrorBody>({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: raw });

  before(async () => {
    api = await startApi();
    assert.equal((await api.postYaml('/api/v1/apply', `${TRIAGE_YAML}\n---\n${LISTENERS}`)).status, 200);
  });
  after(() => api.close());

  void it('JSON nested thousands deep gets a coded 400 naming the limit on validate, invoke, generic webhooks and Stripe webhooks', async () => {
    const before = await api.t.system.store.countRuns({});
    const cases: [string, string, Record<string, string>][] = [
      ['/api/v1/validate', `{"documents": [{"kind": "Workflow", "id": "x", "extra": ${deep(5000)}}]}`, {}],
      ['/api/v1/workflows/triage/runs', `{"input": {"amount": 5, "x": ${deep(5000)}}}`, {}],
      ['/webhooks/workflows/open-hook', `{"order": ${deep(5000)}}`, {}],
      ['/webhooks/stripe/stripe', JSON.stringify(refundEvent('evt_deep', 0)).replace('0}}', `${deep(5000)}}}`), { 'stripe-signature': 't=1,v1=00' }],
    ];
    for (const [url, raw, headers] of cases) {
      const answer = await postJson(url, raw, headers);
      assert.equal(answer.status, 400, `${url}: ${answer.text}`);
      assert.equal(answer.body.error.code, 'body_too_deep', url);
      assert.match(answer.body.error.message, /more than 64 levels deep \(the limit\)/, url);
      assert.equal(answer.body.error.path, 'body');
    }
    const yaml = await api.postYaml('/api/v1/validate', deep(5000));
    assert.equal(yaml.status, 400, yaml.text);
    assert.equal((yaml.body as ErrorBody).error.code, 'body_too_deep');
    assert.equal(await api.t.system.store.countRuns({}), before, 'no run started');
  });

  void it('brackets inside JSON strings do not count, and ordinary nesting passes', async () => {
    const answer = await postJson('/webhooks/workflows/open-hook', JSON.stringify({ note: '['.repeat(500), nested: { a: { b: { c: [[[1]]] } } } }));
    assert.equal(answer.status, 202, answer.text);
  });

  void it('a body past the size limit gets a coded 413 that says the limit', async () => {
    const answer = await postJson('/webhooks/workflows/open-hook', JSON.stringify({ blob: 'x'.repeat(6 * 1024 * 1024) }));
    assert.equal(answer.status, 413);
    assert.equal(answer.body.error.code, 'body_too_large');
    assert.match(answer.body.error.message, /\(5242880 bytes\)/);
  });

  void it('an event that cannot be stored fails alone: the other events of its batch are stored and start their runs', async () => {
    const intake = api.t.system.app.stripeIntake;
    const origin = { connectorId: 'stripe', source: 'poll' };
    // Read from the Events API, so it never passed the HTTP edge: deep enough to overflow the stack when stored.
    const poison = refundEvent('evt_poison', JSON.parse(deep(200_000)));
    const deliveries = [
      intake.accept(refundEvent('evt_good_1'), origin),
      intake.accept(refundEvent('evt_good_2'), origin),
      intake.accept(poison, origin),
      intake.accept(refundEvent('evt_good_3'), origin),
      intake.accept(refundEvent('evt_good_4'), origin),
    ];
    const settled = await Promise.allSettled(deliveries);
    assert.equal(settled[2]?.status, 'rejected', 'the poison event fails');
    for (const index of [0, 1, 3, 4]) {
      const outcome = settled[index];
      if (outcome?.status !== 'fulfilled') assert.fail(`delivery ${index} failed: ${String(outcome?.reason)}`);
      const result: IntakeResult = outcome.value;
      assert.equal(result.runs.length, 1, `delivery ${index} started its run`);
      const run = await api.t.waitForRun(result.runs[0] ?? '');
      assert.equal(run.status, 'succeeded');
    }
    const stored = await api.get<{ event: { id: string } } & ErrorBody>('/api/v1/events/evt_poison');
    assert.equal(stored.status, 404, 'the poison event is not stored');
  });
});
