/** What became of an inbound webhook delivery: `overloaded` was refused by the intake's backpressure (503). */
export const WEBHOOK_RESULTS = ['accepted', 'duplicate', 'rejected', 'overloaded'] as const;
export type WebhookResult = (typeof WEBHOOK_RESULTS)[number];

/** What the surfaces count; the system backs it with Prometheus metrics. */
export interface Metrics {
  /** An inbound webhook delivery: accepted, a duplicate, rejected (bad signature, unknown connector), or refused while the workers are behind. */
  webhookReceived(source: 'stripe' | 'workflow', result: WebhookResult): void;
  /** Stripe events taken in from the Events API because they never arrived: by webhook mode's sweep, or an operator's recovery. */
  stripeEventsRecovered(connector: string, how: 'sweep' | 'on_demand', count: number): void;
  /** A recovery sweep that could not ask Stripe or store what it found (it tries again at the next one). */
  stripeRecoveryFailed(connector: string): void;
  /** Recovery now watches `connector`: its counters show from 0, so the first failed sweep is an increase an alert sees. */
  stripeRecoveryWatched(connector: string): void;
  /** The Prometheus text exposition of every metric. */
  render(): Promise<{ contentType: string; text: string }>;
}
