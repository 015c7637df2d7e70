import type { EventSummary } from '../../api/types.ts';
import { ObjectLink } from '../../ui/stripe-object/object-link.tsx';

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
