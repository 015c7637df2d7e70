import type { AppContext } from '../application/app-context.ts';

/**
 * Backpressure, asked by the webhook routes before they store anything:
 * while the workers are too far behind, throws `intake_overloaded`, which
 * answers 503 with Retry-After (webhook senders, Stripe among them, retry).
 */
export async function admitWebhook(app: AppContext, source: 'stripe' | 'workflow'): Promise<void> {
  try {
    await app.intake.admit();
  } catch (error) {
    app.metrics.webhookReceived(source, 'overloaded');
    throw error;
  }
}
