import type { OutboxMessageSummary } from '../../api/types.ts';
import { StatusBadge } from '../../ui/status-badge.tsx';

/**
 * A message's status for people: an email kept in the outbox because no SMTP connector was set up was not
 * sent, so it wears a neutral "Kept here" rather than a green "Sent"; an SMTP message its delivery status.
 */
export function DeliveryBadge({ message }: { message: Pick<OutboxMessageSummary, 'transport' | 'status'> }) {
  if (message.transport === 'outbox') return <span className="badge muted">Kept here</span>;
  return <StatusBadge status={message.status} />;
}
