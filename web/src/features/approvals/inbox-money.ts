/**
 * The money open tasks lead to, for triage: what waits in all, per currency,
 * and the tasks largest first. Amounts are the ones worked out when each task
 * opened (`leads_to.amount`); a task whose currency Stripe could not give counts
 * in no total and sorts after those with one.
 */
import { formatMinorOrUndefined, toMajor } from '../../../../src/expression/money.ts';

interface WithAmount {
  leads_to: { amount: { minor: number; currency: string | null } | null } | null;
}

/** The amount of a task in a currency, or undefined. */
function amountOf(task: WithAmount): { minor: number; currency: string } | undefined {
  const amount = task.leads_to?.amount;
  return amount === undefined || amount === null || amount.currency === null ? undefined : { minor: amount.minor, currency: amount.currency };
}

/** "4,575.00 USD" per currency, the largest total first; empty when no task says. */
export function moneyWaiting(tasks: readonly WithAmount[]): string[] {
  const totals = new Map<string, number>();
  for (const task of tasks) {
    const amount = amountOf(task);
    if (amount !== undefined) totals.set(amount.currency, (totals.get(amount.currency) ?? 0) + amount.minor);
  }
  return [...totals]
    .sort(([a, minorA], [b, minorB]) => toMajor(minorB, b) - toMajor(minorA, a))
    .map(([currency, minor]) => formatMinorOrUndefined(minor, currency) ?? `${minor} ${currency.toUpperCase()} (minor units)`);
}

/**
 * Largest first, compared in major units (1,500 USD before 900 EUR: no rates
 * are applied); tasks without an amount after, in `then`'s order.
 */
export function byAmount<T extends WithAmount>(then: (a: T, b: T) => number): (a: T, b: T) => number {
  return (a, b) => {
    const left = amountOf(a);
    const right = amountOf(b);
    if (left !== undefined && right !== undefined) {
      const difference = toMajor(right.minor, right.currency) - toMajor(left.minor, left.currency);
      if (difference !== 0) return difference;
    } else if (left !== undefined || right !== undefined) {
      return left === undefined ? 1 : -1;
    }
    return then(a, b);
  };
}
