import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byAmount, moneyWaiting } from '../../../web/src/features/approvals/inbox-money.ts';

const task = (id: string, minor: number | null, currency: string | null = 'usd') => ({
  id,
  leads_to: minor === null ? null : { amount: { minor, currency } },
});

const tasks = [task('small', 2_500), task('none', null), task('yen', 300_000, 'jpy'), task('big', 150_000), task('unread', 9_999_999, null), task('euro', 90_000, 'eur')];

test('what waits, per currency and largest first; an amount whose currency Stripe did not give counts in none', () => {
  assert.deepEqual(moneyWaiting(tasks), ['300,000 JPY', '1,525.00 USD', '900.00 EUR']);
  assert.deepEqual(moneyWaiting([task('none', null)]), []);
});

test('largest amount first in major units (300,000 JPY before 1,500 USD: no rates), the tasks without one after in the given order', () => {
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  assert.deepEqual(
    [...tasks].sort(byAmount<(typeof tasks)[number]>(byId)).map((each) => each.id),
    ['yen', 'big', 'euro', 'small', 'none', 'unread'],
  );
});
