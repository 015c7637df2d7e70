/**
 * Formats minor units for people, as Stripe's error messages do: `$10.00`,
 * `¥500`, `KWD 1.500`. The currency's own number of decimals is used.
 */
export function formatAmount(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
