import { createHmac } from 'node:crypto';

/**
 * The Standard Webhooks signing key: a `whsec_` secret is base64 after its
 * prefix; any other secret is used as its UTF-8 bytes.
 */
export function webhookSigningKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
}

/**
 * The `webhook-signature` header value per Standard Webhooks:
 * `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`.
 *
 * ```ts
 * signWebhook({ id: 'msg_1', timestamp: 1700000000, body: '{"a":1}', secret: 'whsec_…' }); // 'v1,K5oZ…'
 * ```
 */
export function signWebhook(input: { id: string; timestamp: number; body: string; secret: string }): string {
  const mac = createHmac('sha256', webhookSigningKey(input.secret)).update(`${input.id}.${input.timestamp}.${input.body}`).digest('base64');
  return `v1,${mac}`;
}
