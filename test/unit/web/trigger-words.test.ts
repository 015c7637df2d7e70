import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cronWords, triggerWords } from '../../../web/src/features/workflows/trigger-words.ts';

void test('common cron shapes read as words; any other shape shows the expression itself', () => {
  assert.equal(cronWords('*/15 * * * *'), 'Every 15 minutes');
  assert.equal(cronWords('0 9 * * 1-5'), 'Every weekday at 09:00');
  assert.equal(cronWords('30 6 1 * *'), 'Monthly on day 1 at 06:30');
  assert.equal(cronWords('0 12 29 2 *'), 'Every year on 29 Feb at 12:00');
  assert.equal(cronWords('0 12 29 13 *'), 'On schedule 0 12 29 13 *', 'no month 13: the expression as written');
  assert.equal(cronWords('0 12 1 1,7 *'), 'On schedule 0 12 1 1,7 *');
  assert.equal(triggerWords({ type: 'schedule', cron: '0 12 29 2 *', timezone: 'UTC' }), 'Every year on 29 Feb at 12:00 (UTC)');
});
