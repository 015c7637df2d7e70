import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ApprovalReview, EventSummary } from '../../api/types.ts';
import { asApiError } from '../../api/api-error.ts';
import { Loading } from '../../ui/states.tsx';
import { formatDateTime } from '../../ui/time.ts';
import { objectEventsQuery, OBJECT_HISTORY_LIMIT } from './approvals-api.ts';

/** Event types an approver of a refund must not miss: the payment is disputed, or its issuer reported fraud. */
const WARNINGS: [RegExp, string][] = [
  [/^charge\.dispute\./, 'Dispute'],
  [/^radar\.early_fraud_warning\./, 'Fraud warning'],
];

/** The Stripe object the money-moving step acts on (`ch_…`, `pi_…`), when the review names one. */
export function moneyTarget(review: ApprovalReview): string | undefined {
  for (const next of review.next_actions) if (next.kind === 'action' && next.moves_money && next.target !== null) return next.target;
  return undefined;
}

/**
 * What Tollgate saw about the charge (or payment) the approval would move money on: the Stripe events about it
 * and what belongs to it, newest first, a dispute or a fraud warning marked; links to all of them and to the
 * runs about it (an earlier refund's among them).
 */
export function ObjectHistory({ objectId }: { objectId: string }) {
  const history = useQuery(objectEventsQuery(objectId));
  return (
    <section className="card" aria-labelledby="object-history-title">
      <h2 id="object-history-title">
        Seen by Tollgate about <code className="wrap-anywhere">{objectId}</code>
      </h2>
      {history.isPending ? (
        <Loading label="Looking for events about it…" />
      ) : history.isError ? (
        <p className="form-error" role="alert">
          {asApiError(history.error).message}
        </p>
      ) : history.data.events.length === 0 ? (
        <p className="muted">No Stripe event about it has reached Tollgate.</p>
      ) : (
        <ul className="plain-list object-history">
          {history.data.events.map((event) => (
            <HistoryLine key={event.id} event={event} />
          ))}
          {history.data.next_cursor !== null && <li className="muted small">and older ones (the first {OBJECT_HISTORY_LIMIT} are shown)</li>}
        </ul>
      )}
      <p className="row small">
        <Link to="/events" search={{ object: objectId }}>
          All events about it →
        </Link>
        <Link to="/runs" search={{ object: objectId }}>
          Runs about it →
        </Link>
      </p>
    </section>
  );
}

function HistoryLine({ event }: { event: EventSummary }) {
  const warning = WARNINGS.find(([type]) => type.test(event.type))?.[1];
  return (
    <li className="object-history-line">
      {warning !== undefined && <span className="badge bad">{warning}</span>}
      <Link to="/events/$id" params={{ id: event.id }}>
        {event.type}
      </Link>
      <span className="muted small">{formatDateTime(event.received_at)}</span>
    </li>
  );
}
