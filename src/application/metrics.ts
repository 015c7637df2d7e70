/** What became of an inbound webhook delivery: `overloaded` was refused by the intake's backpressure (503). */
export type WebhookResult = 'accepted' | 'duplicate' | 'rejected' | 'overloaded';

/** What the surfaces count; the system backs it with Prometheus metrics. */
export interface Metrics {
  /** An inbound webhook delivery: accepted, a duplicate, rejected (bad signature, unknown connector), or refused while the workers are behind. */
  webhookReceived(source: 'stripe' | 'workflow', result: WebhookResult): void;
  /** The Prometheus text exposition of every metric. */
  render(): Promise<{ contentType: string; text: string }>;
}
