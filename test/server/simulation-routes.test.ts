import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pollUntil } from '../support/poll-until.ts';
import { startApi, type ApiHarness } from './api-harness.ts';

const PERSONALIZE = {
  kind: 'Workflow',
  id: 'personalize-orders',
  trigger: { type: 'event', event: 'payment_intent.succeeded', when: 'object.amount > $minor(1000, "usd") and object.currency = "usd"' },
  steps: [
    {
      id: 'email_team',
      type: 'action',
      uses: 'email.send',
      with: { to: { team: 'fulfillment' }, subject: 'Note for {{ object.id }}', fields: [{ label: 'Amount', value: '{{ $money(object.amount, object.currency) }}' }] },
    },
  ],
};

interface Problem {
  error: { code: string; message: string; issues?: { path: string; keys: unknown[]; severity: string }[] };
}

describe('preview and backtest routes', () => {
  let api: ApiHarness;
  before(async () => {
    api = await startApi();
    await api.postYaml('/api/v1/apply', 'kind: Team\nid: fulfillment\nmembers: [{ email: pat@example.com }]\n');
    const event = (id: string, amount: number) => ({ id, type: 'payment_intent.succeeded', created: 1_700_000_000, data: { object: { id: `pi_${id}`, object: 'payment_intent', amount, currency: 'usd', customer: 'cus_1' } } });
    await api.t.system.app.events.record(
      [event('evt_big', 250_000), event('evt_small', 1_000)].map((payload) => ({
        event: { id: payload.id, type: payload.type, account: null, connectorId: 'stripe', livemode: false, created: payload.created, payload, source: 'webhook', receivedAt: new Date() },
        matches: [],
      })),
    );
  });
  after(() => api.close());

  test('POST /api/v1/preview answers the simulated run with the rendered email', async () => {
    const event = { type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 150_000, currency: 'usd' } } };
    const response = await api.post<{ preview: { matched: boolean; event: { id: string | null; sample: boolean }; run: { status: string; path: string[]; steps: { node: string; email: { subject: string; text: string } | null }[] } } }>('/api/v1/preview', { definition: PERSONALIZE, event });
    assert.equal(response.status, 200, response.text);
    const { preview } = response.body;
    assert.equal(preview.matched, true);
    // A given event without an id has none to show (not a made-up one), and is not a sample.
    assert.deepEqual([preview.event.id, preview.event.sample], [null, false]);
    assert.equal(preview.run.status, 'completed');
    assert.deepEqual(preview.run.path, ['email_team']);
    assert.equal(preview.run.steps[0]?.email?.subject, 'Note for pi_1');
    assert.match(preview.run.steps[0]?.email?.text ?? '', /Amount: \$1,500\.00/);
  });

  test('a stored event by id; an unknown one is 404 event_not_found', async () => {
    const stored = await api.post<{ preview: { event: { id: string }; matched: boolean } }>('/api/v1/preview', { definition: PERSONALIZE, event_id: 'evt_big' });
    assert.equal(stored.status, 200, stored.text);
    assert.equal(stored.body.preview.event.id, 'evt_big');
    assert.equal(stored.body.preview.matched, true);
    const missing = await api.post<Problem>('/api/v1/preview', { definition: PERSONALIZE, event_id: 'evt_nope' });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'event_not_found');
  });

  test('an invalid draft is 400 definition_invalid with issues as /validate gives them', async () => {
    const broken = { ...PERSONALIZE, steps: [{ ...PERSONALIZE.steps[0], next: 'nowhere' }] };
    const response = await api.post<Problem>('/api/v1/preview', { definition: broken });
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'definition_invalid');
    const validated = await api.post<Problem>('/api/v1/validate', { documents: [broken] });
    assert.deepEqual(response.body.error.issues, validated.body.error.issues);
    assert.match(response.body.error.issues?.[0]?.path ?? '', /steps\[0\]\.next/);
  });

  test('effects "sandbox" without a sandbox is 409 sandbox_only; an unknown field is 400', async () => {
    const sandbox = await api.post<Problem>('/api/v1/preview', { definition: PERSONALIZE, effects: 'sandbox' });
    assert.equal(sandbox.status, 409);
    assert.equal(sandbox.body.error.code, 'sandbox_only');
    const unknown = await api.post<Problem>('/api/v1/preview', { definition: PERSONALIZE, live: true });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, 'request_invalid');
  });

  test('POST /api/v1/backtests runs in the background; GET shows the report and the would-be runs', async () => {
    const started = await api.post<{ backtest: { id: string; status: string; progress: { total: number } } }>('/api/v1/backtests', { definition: PERSONALIZE, since: '1d' });
    assert.equal(started.status, 202, started.text);
    assert.equal(started.body.backtest.progress.total, 2);
    const id = started.body.backtest.id;
    const done = await pollUntil(
      async () => (await api.get<{ backtest: { status: string; report: { events: number; runs: number; summary: string } | null } }>(`/api/v1/backtests/${id}`)).body.backtest,
      (backtest) => backtest.status !== 'running',
      { what: 'the backtest to end' },
    );
    assert.equal(done.status, 'completed');
    assert.equal(done.report?.events, 2);
    assert.equal(done.report?.runs, 1);
    assert.equal(done.report?.summary, 'would email team fulfillment 1 time');
    const runs = await api.get<{ runs: { event_id: string; status: string; path: string[] }[]; next_cursor: string | null }>(`/api/v1/backtests/${id}/runs?limit=10`);
    assert.equal(runs.status, 200, runs.text);
    assert.deepEqual(runs.body.runs.map((run) => [run.event_id, run.status, run.path]), [['evt_big', 'completed', ['email_team']]]);
    assert.equal(runs.body.next_cursor, null);
  });

  test('404 backtest_not_found; 400 for a bad window or a manual trigger', async () => {
    const missing = await api.get<Problem>('/api/v1/backtests/bt_nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'backtest_not_found');
    const missingRuns = await api.get<Problem>('/api/v1/backtests/bt_nope/runs');
    assert.equal(missingRuns.status, 404);
    const window = await api.post<Problem>('/api/v1/backtests', { definition: PERSONALIZE, since: 'yesterday' });
    assert.equal(window.status, 400);
    assert.equal(window.body.error.code, 'request_invalid');
    const manual = await api.post<Problem>('/api/v1/backtests', { definition: { kind: 'Workflow', id: 'm', trigger: { type: 'manual' }, steps: [{ id: 'done', type: 'end' }] } });
    assert.equal(manual.status, 400);
    assert.equal(manual.body.error.code, 'backtest_trigger_invalid');
  });
});
