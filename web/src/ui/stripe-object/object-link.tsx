import { Link } from '@tanstack/react-router';

/** A Stripe object's id as a link to the events about it and about what belongs to it (`/events?object=`). */
export function ObjectLink({ id }: { id: string }) {
  return (
    <Link to="/events" search={{ object: id }} className="whole-id" title={`Every event about ${id} and what belongs to it`}>
      <code>{id}</code>
    </Link>
  );
}
