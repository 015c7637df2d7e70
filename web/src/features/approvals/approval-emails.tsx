import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ApprovalEmails as ApprovalEmailsBody, OutboxMessageSummary } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { DeliveryBadge } from '../events/delivery-badge.tsx';
import { deliveryOf, nextTryOf } from '../events/mail-delivery.ts';
import { approvalEmailsQuery } from './approvals-api.ts';

/**
 * Whether the task's approvers were told it waits: the email sent when it opened, each reminder and
 * the one sent when it was escalated, each marked so and with whether the mail server took it. A task whose approvers were
 * never emailed still waits in their inbox; the page says so instead of leaving it to be guessed.
 */
export function ApprovalEmails({ taskId }: { taskId: string }) {
  const me = useMe();
  const emails = useQuery(approvalEmailsQuery(taskId));
  if (emails.isPending || emails.isError) return null;
  const { messages } = emails.data;
  const undelivered = messages.some((message) => message.status !== 'sent');
  return (
    <section className={undelivered ? 'card attention' : 'card'} aria-labelledby="emails-title">
      <h2 id="emails-title">Emails to the approvers</h2>
      {messages.length === 0 ? (
        <p className="muted">No email went out about this task. Its approvers find it in their inbox.</p>
      ) : (
        <ul className="decision-list">
          {messages.map((message) => (
            <li key={message.id}>
              <strong>{toldWhat(message)}</strong> <DeliveryBadge message={message} /> {message.to.join(', ')}
              <div className="muted">{deliveryLine(message)}</div>
              {message.status !== 'sent' && message.error !== null && <div className="muted">{message.error}</div>}
              {can(me, 'runs.read') && (
                <Link to="/events/outbox/$id" params={{ id: message.id }}>
                  Open the email
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Whether the mail server took it, and when it is tried next (the error says why, below). */
function deliveryLine(message: OutboxMessageSummary): string {
  const nextTry = nextTryOf(message);
  return nextTry === undefined ? deliveryOf(message) : `${deliveryOf(message)} · ${nextTry}`;
}

/** What the email told the approvers: that the task waits, that it still does, or that it was handed to them. */
function toldWhat(message: ApprovalEmailsBody['messages'][number]): string {
  switch (message.kind) {
    case 'opened':
      return 'First notice';
    case 'reminder':
      return `Reminder ${message.reminder ?? ''}`.trim();
    case 'escalated':
      return 'Escalation';
    default: {
      const unknown: never = message.kind;
      return unknown;
    }
  }
}
