import { createHmac } from 'node:crypto';

/**
 * The `Stripe-Signature` header for a payload: `t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<payload>" keyed with the whole whsec_ secret>`, the
 * format `stripe.webhooks.constructEvent` verifies.
 */
export function signWebhookPayload(options: { payload: string; secret: string; timestamp: number }): string {
  const signature = createHmac('sha256', options.secret).update(`${options.timestamp}.${options.payload}`, 'utf8').digest('hex');
  return `t=${options.timestamp},v1=${signature}`;
}
