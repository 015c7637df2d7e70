import { formatAmount } from '../../../../../src/expression/money.ts';
import type { Effect } from './simulation-types.ts';

/**
 * The money of one effect in words, per currency, with the calls whose amount is unknown.
 * @example effectMoney({ money: [{ currency: 'usd', amount: 3600 }], unknown_amounts: 1, … }) // '36.00 USD and 1 of unknown amount'
 */
export function effectMoney(effect: Pick<Effect, 'money' | 'unknown_amounts'>): string | null {
  const parts = effect.money.map((entry) => formatAmount(entry.amount, entry.currency));
  if (effect.unknown_amounts > 0) parts.push(`${effect.unknown_amounts} of unknown amount`);
  return parts.length === 0 ? null : parts.join(' and ');
}

/** e.g. `would refund 3 times`, `would email once`. */
export function effectCount(effect: Pick<Effect, 'label' | 'count'>): string {
  return `${effect.label} ${effect.count === 1 ? 'once' : `${effect.count.toLocaleString('en-US')} times`}`;
}

/** One step's money as a sentence: `would refund 12.00 USD`; `null` amount is unknown. */
export function stepMoney(label: string, money: { amount: number | null; currency: string | null }): string {
  if (money.amount === null || money.currency === null) return `${label} an amount not known until it runs`;
  return `${label} ${formatAmount(money.amount, money.currency)}`;
}
