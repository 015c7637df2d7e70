/**
 * An early fraud warning's `fraud_type` in words, for the web app and the CLI:
 * `card_never_received` reads "card never received", Stripe's catch-all `misc`
 * reads "other fraud".
 */
export function fraudTypeText(fraudType: string): string {
  return fraudType === 'misc' ? 'other fraud' : fraudType.replaceAll('_', ' ');
}
