import { eventObjectOf, owningObjects } from '../../../../src/core/event-object.ts';
import type { Run } from '../../api/types.ts';
import { ObjectLink } from '../../ui/stripe-object/object-link.tsx';

/**
 * What a run started by a Stripe event is about: the event's object, and the customer, payment and charge it
 * belongs to, each a link to everything Tollgate saw about it. Nothing for runs started otherwise.
 */
export function RunAbout({ run }: { run: Run }) {
  if (run.trigger.type !== 'event') return null;
  const about = eventObjectOf(run.variables.event);
  const object = run.variables.object;
  const kind = typeof object === 'object' && object !== null && 'object' in object && typeof object.object === 'string' ? object.object.replace(/[._]/g, ' ') : 'object';
  const lines = [...(about.objectId === null ? [] : [{ kind, id: about.objectId }]), ...owningObjects(about)];
  if (lines.length === 0) return null;
  return (
    <>
      <dt>About</dt>
      <dd>
        <div className="stacked-cell">
          {lines.map(({ kind: label, id }) => (
            <span key={`${label} ${id}`} className="whole-id">
              <span className="muted small">{label} </span>
              <ObjectLink id={id} />
            </span>
          ))}
        </div>
      </dd>
    </>
  );
}
