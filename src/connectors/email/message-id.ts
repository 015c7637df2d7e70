import { createHash } from 'node:crypto';

/**
 * The Message-ID of the email a step sends, from the step's idempotency key:
 * the same on every re-run, so the message is recorded and delivered once.
 */
export function messageIdFor(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex')}@tollgate>`;
}
