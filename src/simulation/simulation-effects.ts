/**
 * What a simulated run would have done outside Tollgate, in words people read:
 * "would refund 37 charges, 412.50 USD; would email team risk 120 times".
 */
import { currencyExponent, toMajor } from '../expression/money.ts';

/** One kind of side effect, counted over a run or a backtest. */
export interface Effect {
  operation: string;
  /** The verb phrase: `would refund`, `would email team risk`. */
  label: string;
  count: number;
  /** Money moved, per currency, in minor units. */
  money: { currency: string; amount: number }[];
  /** Money-moving calls whose amount or currency the simulation could not tell (a full refund without a live read). */
  unknown_amounts: number;
}

/** One side effect of one step, before counting. */
export interface StepEffect {
  operation: string;
  label: string;
  /** For money-moving calls; null amount or currency = unknown. */
  money: { amount: number | null; currency: string | null } | null;
}

// The noun a count of calls reads with: "would refund 3 charges".
const NOUNS: Record<string, [string, string]> = {
  'stripe.refunds.create': ['charge', 'charges'],
  'stripe.creditNotes.create': ['credit note', 'credit notes'],
  'stripe.customers.update': ['customer', 'customers'],
  'stripe.paymentIntents.update': ['payment intent', 'payment intents'],
  'stripe.disputes.update': ['dispute', 'disputes'],
  'stripe.disputes.close': ['dispute', 'disputes'],
  'webhook.post': ['webhook', 'webhooks'],
  'http.request': ['HTTP request', 'HTTP requests'],
};

const LABELS: Record<string, string> = {
  'stripe.refunds.create': 'would refund',
  'stripe.creditNotes.create': 'would issue',
  'stripe.customers.update': 'would update',
  'stripe.paymentIntents.update': 'would update',
  'stripe.disputes.update': 'would stage evidence on',
  'stripe.disputes.close': 'would accept',
  'webhook.post': 'would post',
  'http.request': 'would send',
  'stripe.request': 'would call Stripe',
};

/** The verb phrase of a side effect; `email.send` names a team it writes to. */
export function effectLabel(operation: string, input: Record<string, unknown>): string {
  if (operation === 'email.send') {
    const to = input.to;
    if (to !== null && typeof to === 'object' && !Array.isArray(to) && typeof (to as { team?: unknown }).team === 'string') return `would email team ${(to as { team: string }).team}`;
    return 'would email';
  }
  // Submitting is the one-way part of a dispute update: the report says so apart from staging.
  if (operation === 'stripe.disputes.update' && input.submit === true) return 'would submit evidence on';
  return LABELS[operation] ?? `would call ${operation}`;
}

/** Counts step effects by operation and label, summing money per currency. */
export class EffectTally {
  readonly #effects = new Map<string, Effect>();

  add(effect: StepEffect, times = 1): void {
    const key = `${effect.operation}\u0000${effect.label}`;
    let entry = this.#effects.get(key);
    if (entry === undefined) {
      entry = { operation: effect.operation, label: effect.label, count: 0, money: [], unknown_amounts: 0 };
      this.#effects.set(key, entry);
    }
    entry.count += times;
    if (effect.money === null) return;
    const { amount, currency } = effect.money;
    if (amount === null || currency === null) {
      entry.unknown_amounts += times;
      return;
    }
    const sum = entry.money.find((money) => money.currency === currency);
    if (sum) sum.amount += amount * times;
    else entry.money.push({ currency, amount: amount * times });
  }

  /** Adds effects already counted (another run's). */
  addAll(effects: readonly Effect[]): void {
    for (const effect of effects) {
      const key = `${effect.operation}\u0000${effect.label}`;
      const entry = this.#effects.get(key) ?? { operation: effect.operation, label: effect.label, count: 0, money: [], unknown_amounts: 0 };
      this.#effects.set(key, entry);
      entry.count += effect.count;
      entry.unknown_amounts += effect.unknown_amounts;
      for (const money of effect.money) {
        const sum = entry.money.find((item) => item.currency === money.currency);
        if (sum) sum.amount += money.amount;
        else entry.money.push({ ...money });
      }
    }
  }

  /** The effects, those that move money first (the report leads with money), else in the order first seen. */
  list(): Effect[] {
    const movesMoney = (effect: Effect) => (effect.money.length > 0 || effect.unknown_amounts > 0 ? 0 : 1);
    return [...this.#effects.values()].sort((a, b) => movesMoney(a) - movesMoney(b)).map((effect) => ({ ...effect, money: effect.money.map((money) => ({ ...money })) }));
  }
}

/** `412.50 USD`, with the currency's own decimals. */
export function formatMinor(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const number = new Intl.NumberFormat('en-US', { minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(toMajor(amount, currency));
  return `${number} ${currency.toUpperCase()}`;
}

/** One clause per effect: "would refund 37 charges, 412.50 USD" or "would email team risk 120 times". */
export function effectPhrase(effect: Effect): string {
  const noun = NOUNS[effect.operation];
  const counted = noun === undefined ? `${effect.count} time${effect.count === 1 ? '' : 's'}` : `${effect.count} ${effect.count === 1 ? noun[0] : noun[1]}`;
  const money = effect.money.map((sum) => formatMinor(sum.amount, sum.currency));
  if (effect.unknown_amounts > 0) money.push(`${effect.unknown_amounts} of unknown amount`);
  return [`${effect.label} ${counted}`, ...money].join(', ');
}

/** The whole sentence; "would do nothing outside Tollgate" when there are no effects. */
export function effectsSummary(effects: readonly Effect[]): string {
  if (effects.length === 0) return 'would do nothing outside Tollgate';
  return effects.map(effectPhrase).join('; ');
}
