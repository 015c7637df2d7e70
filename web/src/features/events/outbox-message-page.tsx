import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { OutboxMessage } from '../../api/types.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { formatDateTime } from '../../ui/time.ts';
import { outboxMessageQuery } from './event-queries.ts';
import { EventsTabs } from './events-tabs.tsx';
import { DeliveryBadge } from './delivery-badge.tsx';
import { deliveryOf } from './mail-delivery.ts';
import { SmtpHint } from './smtp-hint.tsx';
import { RunLine } from './run-cell.tsx';

const route = getRouteApi('/app/events/outbox/$id');

/** One email: its headers, its HTML body rendered in a sandboxed frame (no scripts, no same origin), and its text body. */
export function OutboxMessagePage() {
  const { id } = route.useParams();
  const message = useQuery(outboxMessageQuery(id));
  return (
    <>
      <PageHeader
        title={message.data?.message.subject ?? 'Email'}
        subtitle={
          <Link to="/events/outbox" search={{}}>
            ← Mail outbox
          </Link>
        }
      />
      <EventsTabs />
      {message.isPending ? <Loading label="Loading the email…" /> : message.isError ? <ErrorState error={message.error} retry={() => void message.refetch()} /> : <MessageBody message={message.data.message} />}
    </>
  );
}

function MessageBody({ message }: { message: OutboxMessage }) {
  return (
    <div className="stack">
      <section className="card" aria-labelledby="headers-title">
        <h2 id="headers-title" className="visually-hidden">
          Headers
        </h2>
        <dl className="kv">
          <dt>From</dt>
          <dd>{message.from}</dd>
          <dt>To</dt>
          <dd>{message.to.join(', ')}</dd>
          {message.cc.length > 0 && (
            <>
              <dt>Cc</dt>
              <dd>{message.cc.join(', ')}</dd>
            </>
          )}
          {message.reply_to !== null && (
            <>
              <dt>Reply to</dt>
              <dd>{message.reply_to}</dd>
            </>
          )}
          <dt>Status</dt>
          <dd className="row">
            <DeliveryBadge message={message} />
            <span className="muted">{deliveryOf(message)}</span>
          </dd>
          {message.transport === 'outbox' && (
            <>
              <dt>To send mail</dt>
              <dd>
                <SmtpHint />
              </dd>
            </>
          )}
          {message.error !== null && (
            <>
              <dt>{message.status === 'sending' ? 'Last try' : 'Error'}</dt>
              <dd className="bad-text">{message.error}</dd>
            </>
          )}
          {message.next_attempt_at !== null && (
            <>
              <dt>Next try</dt>
              <dd>
                {formatDateTime(message.next_attempt_at)}{' '}
                <span className="muted">
                  ({message.attempts} {message.attempts === 1 ? 'try' : 'tries'} failed so far; given up a day after it was created)
                </span>
              </dd>
            </>
          )}
          <dt>Created</dt>
          <dd>{formatDateTime(message.created_at)}</dd>
          <RunLine run={message.run} workflow={message.workflow} workflowTitle={message.workflow_title} version={message.workflow_version} stepPath={message.step_path} />
        </dl>
      </section>
      {message.html !== '' && (
        <section className="card" aria-labelledby="html-title">
          <h2 id="html-title">Message</h2>
          {/* sandbox="" : the email's HTML runs no script and cannot reach the app. */}
          <iframe className="email-frame" title={`Email: ${message.subject}`} sandbox="" srcDoc={message.html} />
        </section>
      )}
      <section className="card" aria-labelledby="text-title">
        {message.html === '' ? <h2 id="text-title">Message</h2> : <h2 id="text-title">Plain-text version</h2>}
        <pre className="email-text" tabIndex={0}>
          {message.text === '' ? '(empty)' : message.text}
        </pre>
      </section>
    </div>
  );
}
