import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { eventTypesQuery } from '../builder/forms/reference-queries.ts';
import { narrowedBesidesObject, type EventSearch } from './event-search.ts';
import { EventTypeOptions } from './event-type-options.tsx';
import { TimeWindowFields } from '../../ui/time-window-fields.tsx';

/**
 * The events list's filters by type and by when an event was received: each applies at once and is kept
 * in the page's URL with the object search, so a filtered list is a link. `rangeProblem`: why the times
 * cannot both hold.
 */
export function EventFilters({ search, rangeProblem }: { search: EventSearch; rangeProblem: string | undefined }) {
  const navigate = useNavigate({ from: '/events' });
  const types = useQuery(eventTypesQuery);
  const set = (next: Partial<EventSearch>) =>
    void navigate({ search: (previous) => Object.fromEntries(Object.entries({ ...previous, ...next }).filter(([, value]) => value !== undefined && value !== '')) });
  const known = types.data?.event_types.map((item) => item.type) ?? [];
  // A type typed into the URL that the reference does not know is still shown as the choice.
  const unknownType = search.type !== undefined && !known.includes(search.type) ? search.type : undefined;
  return (
    <form className="filters filter-grid" aria-label="Filter events" onSubmit={(submitted) => submitted.preventDefault()} noValidate>
      <label className="field">
        <span>Event type</span>
        <select value={search.type ?? ''} onChange={(changed) => set({ type: changed.target.value })} disabled={types.isPending && search.type === undefined}>
          <option value="">{types.isPending ? 'Loading event types…' : 'All event types'}</option>
          {unknownType !== undefined && <option value={unknownType}>{unknownType}</option>}
          <EventTypeOptions eventTypes={known} />
        </select>
      </label>
      <TimeWindowFields id="events-received" label="Received" fromLabel="Received from" toLabel="Received before" value={search} onChange={set} rangeProblem={rangeProblem} />
      {narrowedBesidesObject(search) && (
        <div className="field filter-buttons">
          {/* An empty label's room: the button lines up with the inputs, whether or not a field below shows an error. */}
          <span aria-hidden="true">&nbsp;</span>
          <button type="button" className="button subtle" onClick={() => set({ type: undefined, within: undefined, from: undefined, to: undefined })}>
            Clear filters
          </button>
        </div>
      )}
    </form>
  );
}
