import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { eventObjectOfSummary, owningObjects, type OwningObject } from '../../../../src/core/event-object.ts';
import { formatAmount } from '../../../../src/expression/money.ts';
import { asApiError } from '../../api/api-error.ts';
import type { EventDetail } from '../../api/types.ts';
import { BreakableName } from '../../ui/breakable-name.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { statusWords } from '../../ui/status-label.ts';
import { formatDateTime } from '../../ui/time.ts';
import { eventQuery } from './event-queries.ts';
import { EventsTabs } from './events-tabs.tsx';
import { EventReplay } from './event-replay.tsx';
import { MatchList } from './match-words.tsx';
import { ObjectLink } from '../../ui/stripe-object/object-link.tsx';

const OWNER_LABELS: Record<OwningObject['kind'], string> = { customer: 'Customer', payment: 'Payment', charge: 'Charge' };

const route = getRouteApi('/app/events/$id');

/** One received event: what it was about (each id a link to the events about it), the runs it started or why none, the messages they sent, and the payload. */
export function EventDetailPage() {
  const { id } = route.useParams();
  const { sent } = route.useSearch();
  const event = useQuery({
    ...eventQuery(id),
    // A test event just sent reaches Tollgate through the sandbox's webhook: wait for it.
    retry: false,
    refetchInterval: (query) => (sent === true && query.state.error !== null && asApiError(query.state.error).status === 404 ? 1000 : false),
  });
  const waiting = sent === true && event.isError && asApiError(event.error).status === 404;
  return (
    <>
      <PageHeader title={event.data === undefined ? 'Event' : <BreakableName text={event.data.event.type} />} subtitle={<span className="mono">{id}</span>} />
      <EventsTabs />
      {event.isPending || waiting ? (
        <Loading label={waiting ? 'Sent. Waiting for the sandbox to deliver the event…' : 'Loading the event…'} />
      ) : event.isError ? (
        <ErrorState error={event.error} retry={() => void event.refetch()} />
      ) : (
        <EventBody event={event.data.event} />
      )}
    </>
  );
}

interface PaymentObject {
  object?: string;
  amount?: number;
  currency?: string;
  status?: string;
  description?: string | null;
}

function EventBody({ event }: { event: EventDetail }) {
  const object = ((event.payload as { data?: { object?: PaymentObject } } | null)?.data?.object ?? {});
  return (
    <div className="stack">
      <div className="grid grid-2">
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title">About</h2>
          <dl className="kv">
            {(object.object !== undefined || event.object !== null) && (
              <>
                <dt>Object</dt>
                <dd>
                  {object.object?.replace(/[._]/g, ' ')} {event.object !== null && <ObjectLink id={event.object} />}
                </dd>
              </>
            )}
            {typeof object.amount === 'number' && typeof object.currency === 'string' && (
              <>
                <dt>Amount</dt>
                <dd>{formatAmount(object.amount, object.currency)}</dd>
              </>
            )}
            {owningObjects(eventObjectOfSummary(event)).map(({ kind, id }) => (
              <Fragment key={kind}>
                <dt>{OWNER_LABELS[kind]}</dt>
                <dd>
                  <ObjectLink id={id} />
                </dd>
              </Fragment>
            ))}
            {typeof object.status === 'string' && (
              <>
                <dt>Status</dt>
                <dd>{statusWords(object.status)}</dd>
              </>
            )}
            <dt>Created at Stripe</dt>
            <dd>{formatDateTime(new Date(event.created * 1000).toISOString())}</dd>
            <dt>Received</dt>
            <dd>
              {formatDateTime(event.received_at)} by {event.source}
            </dd>
            <dt>Mode</dt>
            <dd>{event.livemode ? 'Live' : 'Test'}</dd>
            {event.account !== null && (
              <>
                <dt>Account</dt>
                <dd className="mono">{event.account}</dd>
              </>
            )}
          </dl>
          {(event.object !== null || owningObjects(eventObjectOfSummary(event)).length > 0) && <p className="muted small">Select an id to see every event about it.</p>}
        </section>
        <section className="card" aria-labelledby="runs-title">
          <h2 id="runs-title">Runs it started</h2>
          <MatchList matches={event.matches} type={event.type} messages />
        </section>
      </div>
      <EventReplay eventId={event.id} />
      <details className="card">
        <summary>Payload as received</summary>
        <pre className="json" tabIndex={0}>
          <code>{JSON.stringify(event.payload, null, 2)}</code>
        </pre>
      </details>
    </div>
  );
}
