import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { formatRelative } from '../../ui/time.ts';
import { outboxQuery } from '../events/event-queries.ts';

const LIST_SIZE = 5;

/**
 * Emails the mail server could not take yet (an approval's email while SMTP is down): shown on Home
 * only while there are some, so the people who run payments learn of it before approvers miss a task.
 */
export function UndeliveredEmailsPanel() {
  const waiting = useQuery(outboxQuery({ status: 'sending' }, undefined, LIST_SIZE));
  const messages = waiting.data?.messages ?? [];
  if (messages.length === 0) return null;
  return (
    <section className="card home-panel attention" aria-labelledby="home-undelivered">
      <div className="panel-head">
        <h2 id="home-undelivered">Emails not delivered yet</h2>
        <Link to="/events/outbox" search={{ status: 'sending' }}>
          All of them
        </Link>
      </div>
      <p className="muted">The mail server has not taken these yet. If it lasts, check the SMTP connector in Settings.</p>
      <ul className="home-list">
        {messages.map((message) => (
          <li key={message.id}>
            <Link to="/events/outbox/$id" params={{ id: message.id }}>
              {message.subject}
            </Link>
            <span className="muted">
              {message.error ?? 'not sent yet'}
              {message.next_attempt_at === null ? '' : ` · next try ${formatRelative(message.next_attempt_at)}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
