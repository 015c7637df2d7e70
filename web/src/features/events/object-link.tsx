import { Link } from '@tanstack/react-router';
import type { EventSummary } from '../../api/types.ts';

/** A Stripe object's id as a link to the events about it and about what belongs to it (`/events?object=`). */
export function ObjectLink({ id }: { id: string }) {
  return (
    <Link to="/events" search={{ object: id }} className="whole-id" title={`Every event about ${id} and what belongs to it`}>
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
          <ObjectLink id={event.customer} />
        </span>
      )}
    </div>
  );
}
