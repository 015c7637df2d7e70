// The one reading of a list's time filter in its URL (runs, events, requests): web/src/ui/time-window.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTimeWindow, timeRangeProblem, timeWindowBounds } from '../../../web/src/ui/time-window.ts';

// The browser's time zone, as a person in Paris has it (UTC+1 in winter).
process.env.TZ = 'Europe/Paris';

test('a relative window wins over absolute times; a time in another shape is dropped', () => {
  assert.deepEqual(parseTimeWindow({ within: '7d', from: '2026-03-01T10:00', to: '2026-03-02T10:00' }), { within: '7d' });
  assert.deepEqual(parseTimeWindow({ within: '2h', from: '2026-03-01T10:00' }), { from: '2026-03-01T10:00' }, 'a window not offered is dropped, the time kept');
  assert.deepEqual(parseTimeWindow({ from: ' 2026-03-01T10:00:30 ', to: '2026-03-02T10:00:30.250' }), { from: '2026-03-01T10:00:30', to: '2026-03-02T10:00:30.250' }, 'to the second or millisecond, trimmed');
  for (const refused of ['2026-03-01', 'yesterday', '2026-03-01T10:00Z', 1_772_000_000_000, ['2026-03-01T10:00']]) {
    assert.deepEqual(parseTimeWindow({ from: refused, to: refused }), {}, JSON.stringify(refused));
  }
  assert.deepEqual(parseTimeWindow({ status: 'open' }), {});
});

test("the API's bounds: a relative window from where it starts now, absolute times in the browser's time zone", () => {
  assert.deepEqual(timeWindowBounds({ within: '24h' }, Date.parse('2026-03-05T08:30:00Z')), { since: '2026-03-04T08:30:00.000Z', until: undefined });
  assert.deepEqual(timeWindowBounds({ from: '2026-03-01T10:00', to: '2026-03-02T00:00' }, Date.parse('2026-03-05T00:00:00Z')), { since: '2026-03-01T09:00:00.000Z', until: '2026-03-01T23:00:00.000Z' });
  assert.deepEqual(timeWindowBounds({}, Date.now()), { since: undefined, until: undefined });
});

test('custom times that cannot both hold are said at the second, naming the first', () => {
  assert.equal(timeRangeProblem({ from: '2026-03-02T10:00', to: '2026-03-01T10:00' }, 'Submitted from'), 'Pick a time after “Submitted from”.');
  assert.equal(timeRangeProblem({ from: '2026-03-01T10:00', to: '2026-03-01T10:00' }, 'Received from'), 'Pick a time after “Received from”.', 'an empty window too');
  assert.equal(timeRangeProblem({ from: '2026-03-01T10:00', to: '2026-03-01T10:01' }, 'Received from'), undefined);
  assert.equal(timeRangeProblem({ to: '2026-03-01T10:00' }, 'Received from'), undefined);
});
