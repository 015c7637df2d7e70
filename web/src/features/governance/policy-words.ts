import { currencyExponent } from '../../../../src/expression/money.ts';
import type { RefundCap } from './governance-types.ts';

const UNITS: Record<string, [string, string]> = {
  ms: ['millisecond', 'milliseconds'],
  s: ['second', 'seconds'],
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  w: ['week', 'weeks'],
};

/**
 * A policy duration in words.
 * @example periodInWords('1d') // '1 day'
 * @example periodInWords('12h') // '12 hours'
 */
export function periodInWords(period: string): string {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(period);
  const unit = match?.[2] === undefined ? undefined : UNITS[match[2]];
  if (match === null || unit === undefined) return period;
  return `${match[1]} ${match[1] === '1' ? unit[0] : unit[1]}`;
}

/**
 * An amount in major units, as a policy states it, grouped with the currency's decimals.
 * @example majorAmount(2000, 'usd') // '2,000.00 USD'
 */
export function majorAmount(major: number, currency: string): string {
  const digits = currencyExponent(currency);
  const number = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, 6) }).format(major);
  return `${number} ${currency.toUpperCase()}`;
}

const PER: Record<RefundCap['per'], string> = { customer: 'per customer', workflow: 'per workflow', account: 'across the account' };

/**
 * A refund cap as a sentence.
 * @example capInWords({ per: 'customer', period: '1d', max: 2000, currency: 'usd' }) // 'At most 2,000.00 USD per customer per 1 day'
 */
export function capInWords(cap: RefundCap): string {
  return `At most ${majorAmount(cap.max, cap.currency)} ${PER[cap.per]} per ${periodInWords(cap.period)}`;
}

/** A policy's flag in words: stated on or off, or the default (on) when it leaves it out. */
export function flagInWords(value: boolean | undefined): string {
  if (value === undefined) return 'On (default)';
  return value ? 'On' : 'Off';
}
