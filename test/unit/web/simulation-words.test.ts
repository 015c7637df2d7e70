import assert from 'node:assert/strict';
import { test } from 'node:test';
import { windowRequest, windowWords } from '../../../web/src/features/builder/preview/backtest-window.ts';
import { effectCount, effectMoney, stepMoney } from '../../../web/src/features/builder/preview/effect-words.ts';
import { parseEventJson } from '../../../web/src/features/builder/preview/event-json.ts';
import { previewHighlight } from '../../../web/src/features/builder/preview/preview-highlight.ts';
import type { PreviewStep } from '../../../web/src/features/builder/preview/simulation-types.ts';
import { draftTrigger } from '../../../web/src/features/builder/preview/trigger-of.ts';

const NOW = new Date('2026-12-02T12:00:00Z');

void test('a backtest window becomes the API\'s since/until/last, and a wrong one names its field', () => {
  const base = { since: '', until: '', last: '' };
  assert.deepEqual(windowRequest({ ...base, kind: '7d' }, NOW), { since: '7d' });
  assert.deepEqual(windowRequest({ ...base, kind: 'last', last: '250' }, NOW), { last: 250 });
  assert.equal((windowRequest({ ...base, kind: 'last', last: '2.5' }, NOW) as { field: string }).field, 'last');
  assert.equal((windowRequest({ ...base, kind: 'last', last: '' }, NOW) as { field: string }).field, 'last');
  assert.equal((windowRequest({ ...base, kind: 'custom' }, NOW) as { field: string }).field, 'since');
  const custom = windowRequest({ ...base, kind: 'custom', since: '2026-11-01T00:00', until: '2026-11-02T00:00' }, NOW) as { since: string; until: string };
  assert.equal(new Date(custom.until).getTime() - new Date(custom.since).getTime(), 86_400_000);
  assert.equal((windowRequest({ ...base, kind: 'custom', since: '2026-11-02T00:00', until: '2026-11-01T00:00' }, NOW) as { field: string; message: string }).field, 'until');
  assert.equal((windowRequest({ ...base, kind: 'custom', since: '2027-01-01T00:00' }, NOW) as { field: string }).field, 'since');
});

void test('a backtest window in words', () => {
  const iso = (value: string) => value.slice(0, 10);
  assert.equal(windowWords({ since: '30d', until: null, last: null }, iso), 'of the last 30 days');
  assert.equal(windowWords({ since: '1h', until: null, last: null }, iso), 'of the last hour');
  assert.equal(windowWords({ since: null, until: null, last: 1200 }, iso), ': the newest 1,200');
  assert.equal(windowWords({ since: '2026-11-01T00:00:00Z', until: null, last: null }, iso), 'since 2026-11-01');
  assert.equal(windowWords({ since: '2026-11-01T00:00:00Z', until: '2026-11-03T00:00:00Z', last: null }, iso), 'from 2026-11-01 to 2026-11-03');
});

void test('effects and step money in words', () => {
  assert.equal(effectCount({ label: 'would refund', count: 1 }), 'would refund once');
  assert.equal(effectCount({ label: 'would email', count: 1200 }), 'would email 1,200 times');
  assert.equal(effectMoney({ money: [{ currency: 'usd', amount: 41250 }, { currency: 'jpy', amount: 500 }], unknown_amounts: 2 }), '412.50 USD and 500 JPY and 2 of unknown amount');
  assert.equal(effectMoney({ money: [], unknown_amounts: 0 }), null);
  assert.equal(stepMoney('would refund', { amount: 1200, currency: 'usd' }), 'would refund 12.00 USD');
  assert.match(stepMoney('would refund', { amount: null, currency: 'usd' }), /not known/);
});

void test('pasted event JSON: an object with a type and data.object, else what is missing', () => {
  assert.deepEqual(parseEventJson('{"type": "charge.succeeded", "data": {"object": {"id": "ch_1"}}}'), { event: { type: 'charge.succeeded', data: { object: { id: 'ch_1' } } } });
  assert.match((parseEventJson('{"type": ') as { error: string }).error, /not JSON/);
  assert.match((parseEventJson('[1]') as { error: string }).error, /JSON object/);
  assert.match((parseEventJson('{"data": {"object": {}}}') as { error: string }).error, /no "type"/);
  assert.match((parseEventJson('{"type": "charge.succeeded"}') as { error: string }).error, /no "data"/);
});

void test('the graph highlight of a preview: each node\'s most telling state and the path', () => {
  const step = (node: string, status: PreviewStep['status']): PreviewStep => ({ path: node, node, step: node, type: 'action', uses: null, status, input: null, output: null, effect: 'none', money: null, email: null, error: null });
  const highlight = previewHighlight({ status: 'failed', outcome: null, error: null, path: ['read', 'each/*/charge'], steps: [step('read', 'succeeded'), step('each/*/charge', 'succeeded'), step('each/*/charge', 'failed'), step('each/*/charge', 'succeeded')], effects: [] });
  assert.deepEqual(highlight, { states: { read: 'succeeded', 'each/*/charge': 'failed' }, path: ['read', 'each/*/charge'] });
});

void test('a half-written draft\'s trigger is read without throwing', () => {
  assert.deepEqual(draftTrigger({}), { type: null, eventTypes: [], when: null, inputKeys: [] });
  assert.deepEqual(draftTrigger({ trigger: { type: 'event', event: ['a.b', '', 3], when: '  ' } }), { type: 'event', eventTypes: ['a.b'], when: null, inputKeys: [] });
  assert.deepEqual(draftTrigger({ trigger: { type: 'manual', input: [{ key: 'amount' }, { label: 'x' }] } }).inputKeys, ['amount']);
});
