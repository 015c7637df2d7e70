import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWithin, WITHIN_CHOICES, windowStart } from '../../../src/core/relative-window.ts';

const now = Date.parse('2026-03-31T12:00:00.000Z');

test('each offered window parses as itself and starts that long before now', () => {
  const starts = Object.fromEntries(WITHIN_CHOICES.map((choice) => [choice.value, windowStart(choice.value, now).toISOString()]));
  assert.deepEqual(starts, {
    '1h': '2026-03-31T11:00:00.000Z',
    '24h': '2026-03-30T12:00:00.000Z',
    '7d': '2026-03-24T12:00:00.000Z',
    '30d': '2026-03-01T12:00:00.000Z',
  });
  for (const { value } of WITHIN_CHOICES) assert.equal(parseWithin(value), value);
  assert.deepEqual(
    WITHIN_CHOICES.map((choice) => choice.label),
    ['Last hour', 'Last 24 hours', 'Last 7 days', 'Last 30 days'],
  );
});

test('anything but an offered window is refused, other spellings of the same length included', () => {
  for (const refused of ['', '1d', '24H', ' 24h', '24h ', '2h', '60m', '7', 'd7', '30d&x', 'last-24-hours', '-1h', '1.5h']) {
    assert.equal(parseWithin(refused), undefined, `"${refused}" is not a window`);
  }
  for (const notText of [undefined, null, 24, ['24h'], { within: '24h' }]) assert.equal(parseWithin(notText), undefined);
});
