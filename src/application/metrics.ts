/** What the surfaces count; the system backs it with Prometheus metrics. */
export interface Metrics {
  /** An inbound webhook delivery: accepted, a duplicate, or rejected (bad signature, unknown connector). */
  webhookReceived(source: 'stripe' | 'workflow', result: 'accepted' | 'duplicate' | 'rejected'): void;
  /** The Prometheus text exposition of every metric. */
  render(): Promise<{ contentType: string; text: string }>;
}
