import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { can, useMe } from '../../auth/session.ts';
import { sandboxQuery } from './event-queries.ts';

/** The sections of Events & messages, as a tab-like row of links. */
export function EventsTabs() {
  const me = useMe();
  const sandbox = useQuery(sandboxQuery);
  const canSend = can(me, 'events.send') && sandbox.data?.sandbox.running === true;
  return (
    <nav className="events-tabs" aria-label="Events and messages">
      <Link to="/events" activeOptions={{ exact: true, includeSearch: false }}>
        Stripe events
      </Link>
      <Link to="/events/outbox">Mail outbox</Link>
      <Link to="/events/webhooks">Webhook inbox</Link>
      {canSend && <Link to="/events/send">Send test event</Link>}
    </nav>
  );
}
