import { Link } from '@tanstack/react-router';
import type { Run } from '../../api/types.ts';
import { BreakableName } from '../../ui/breakable-name.tsx';
import { formatDateTime } from '../../ui/time.ts';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** What started a run, in words, with a link to the event, request or parent run. */
export function RunTrigger({ run }: { run: Run }) {
  const trigger = run.trigger as Record<string, unknown> & { type: string };
  switch (trigger.type) {
    case 'event': {
      const eventId = text(trigger.event_id);
      const eventType = text(trigger.event_type);
      return (
        <span>
          {eventType === undefined ? 'Stripe event' : <BreakableName text={eventType} />}{' '}
          {eventId !== undefined && (
            <Link to="/runs" search={{ event: eventId }} className="mono run-ref" title="Runs started by this event">
              {eventId}
            </Link>
          )}
        </span>
      );
    }
    case 'form':
      return run.request === null ? (
        <span>Catalog request</span>
      ) : (
        <span>
          Request{' '}
          <Link to="/requests/$id" params={{ id: run.request }} className="mono run-ref">
            {run.request}
          </Link>
          {text(trigger.requester) !== undefined && <span className="muted"> by {text(trigger.requester)}</span>}
        </span>
      );
    case 'manual':
      return <span>Manual{text(trigger.by) !== undefined && <span className="muted"> by {text(trigger.by)}</span>}</span>;
    case 'schedule':
      return <span>Schedule, tick {formatDateTime(text(trigger.tick))}</span>;
    case 'webhook':
      return <span>Webhook</span>;
    case 'workflow':
      return run.parent_run === null ? (
        <span>Called by another workflow</span>
      ) : (
        <span>
          Called by{' '}
          <Link to="/runs/$id" params={{ id: run.parent_run }} className="mono run-ref">
            {run.parent_run}
          </Link>
        </span>
      );
    default:
      return <span>{trigger.type}</span>;
  }
}
