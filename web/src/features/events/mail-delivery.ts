/** How an outbox message goes out, in words: the outbox page, a message's page and an approval task's emails say it alike. */
import type { OutboxMessageSummary } from '../../api/types.ts';
import { formatDateTime, formatRelative } from '../../ui/time.ts';

type Delivery = Pick<OutboxMessageSummary, 'transport' | 'status' | 'sent_at' | 'next_attempt_at'>;

/** Beside its status: kept in the outbox, sent by SMTP (and when), or not delivered (yet). */
export function deliveryOf(message: Delivery): string {
  if (message.transport === 'outbox') return 'Kept in the outbox (no SMTP connector)';
  if (message.status === 'sent') return `Sent by SMTP${message.sent_at === null ? '' : ` at ${formatDateTime(message.sent_at)}`}`;
  return message.status === 'failed' ? 'Not delivered by SMTP' : 'Not delivered by SMTP yet';
}

/** When a message not delivered yet is tried again, e.g. `next try in 56 seconds`; undefined when no try is planned. */
export function nextTryOf(message: Delivery): string | undefined {
  return message.next_attempt_at === null ? undefined : `next try ${formatRelative(message.next_attempt_at)}`;
}
