import { Link } from '@tanstack/react-router';
import type { EventSummary } from '../../api/types.ts';

/** A Stripe object's id as a link to the events about it (`/events?object=`); a customer's also finds its payments' and charges'. */
export function ObjectLink({ id, customer = false }: { id: string; customer?: boolean }) {
  return (
    <Link to="/events" search={{ object: id }} className="whole-id" title={customer ? `Every event about ${id} and its payments and charges` : `Every event about ${id}`}>
      <code>{id}</code>
    </Link>
  );
}

/** The events table's About cell: the object the event is about and that object's customer, each a link that filters by it. */
export function AboutCell({ event }: { event: EventSummary }) {
  if (event.object === null && event.customer === null) return <span className="muted">—</span>;
  return (
    <div className="stacked-cell">
      {event.object !== null && <ObjectLink id={event.object} />}
      {event.customer !== null && (
        <span className="whole-id">
          <span className="muted small">customer </span>
          <ObjectLink id={event.customer} customer />
        </span>
      )}
    </div>
  );
}
