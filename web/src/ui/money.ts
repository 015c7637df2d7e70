import { currencyExponent, toMajor } from '../../../src/expression/money.ts';

/**
 * An amount in minor units as people read it: major units, grouped, with the currency code.
 * @example formatAmount(150000, 'usd') // '1,500.00 USD'
 * @example formatAmount(1000, 'jpy') // '1,000 JPY'
 */
export function formatAmount(minor: number, currency: string): string {
  const digits = currencyExponent(currency);
  const number = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(toMajor(minor, currency));
  return `${number} ${currency.toUpperCase()}`;
}
